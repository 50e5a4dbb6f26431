import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { KEY, ptyTestbed } from '../helpers/pty.js';
import { saveSession } from '../../src/session/files.js';
import { resolvePaths } from '../../src/store/paths.js';
import { makeSession } from '../helpers/sessions.js';
import { loadBank } from '../../src/questions/load.js';

// Runs the BUILT binary: build first (npm run build).
const bed = ptyTestbed({ prefix: 'pmcoach-answer-' });
const ID = 'zoom-free-meeting-limit';

describe('pmcoach answer', () => {
  it('in a terminal, asks before spoiling a question never practised; "n" shows nothing', async () => {
    const p = bed.start(['answer', ID], {}, { cols: 80, rows: 24 });
    await p.waitFor('spoils the question');
    p.write('n');
    p.write(KEY.enter);
    expect((await p.exited).exitCode).toBe(0);
    expect(p.screen()).toContain(`Practise it first: pmcoach practice ${ID}`);
    expect(p.screen()).not.toContain('Clarifying questions');
  });

  it('"y" shows the model answer stage by stage; Ctrl-C in the prompt exits 130 without a stack', async () => {
    const p = bed.start(['answer', ID], {}, { cols: 80, rows: 24 });
    await p.waitFor('spoils the question');
    p.write('y');
    p.write(KEY.enter);
    expect((await p.exited).exitCode).toBe(0);
    for (const stage of ['Clarifying questions', 'Stakeholders', 'Metrics', 'Experiments', 'Recommendation']) expect(p.screen()).toContain(stage);
    expect(p.screen()).toContain('a guide, not a checklist');

    const q = bed.start(['answer', ID], {}, { cols: 80, rows: 24 });
    await q.waitFor('spoils the question');
    q.write(KEY.ctrlC);
    const exit = await q.exited;
    expect(exit.exitCode).toBe(130);
    expect(q.screen()).not.toMatch(/\n\s+at /);
  });

  it('--yes skips the question, and so does having practised it', async () => {
    const p = bed.start(['answer', ID, '--yes']);
    expect((await p.exited).exitCode).toBe(0);
    expect(p.screen()).not.toContain('spoils');
    expect(p.screen()).toContain('Recommendation');

    const bank = await loadBank();
    const question = bank.questions.find((x) => x.id === ID)!;
    saveSession(resolvePaths({ PMCOACH_HOME: bed.home }), makeSession({ question }));
    const q = bed.start(['answer', ID]);
    expect((await q.exited).exitCode).toBe(0);
    expect(q.screen()).not.toContain('spoils');
    expect(q.screen()).toContain('Model answer: Free meeting time limit');
  });

  it('without a terminal prints markdown at once; --json has the five stages; a question without one says how to add it', async () => {
    const md = await runCli(['answer', ID], { home: bed.home });
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Model answer: Free meeting time limit vs\. user growth$/m);
    expect(md.stdout).toMatch(/^## Recommendation$/m);
    const json = JSON.parse((await runCli(['answer', ID, '--json'], { home: bed.home })).stdout);
    expect(Object.keys(json.model_answer)).toEqual(['clarifying', 'stakeholders', 'metrics', 'experiments', 'recommendation']);
    const none = await runCli(['answer', 'fixture-checkout-speed', '--questions', 'test/fixtures/questions-good'], { home: bed.home });
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('pmcoach: question "fixture-checkout-speed" has no model answer; add model_answer: (one entry per stage) to its YAML file\n');
  });
});

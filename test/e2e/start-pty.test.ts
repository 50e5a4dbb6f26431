import { describe, expect, it } from 'vitest';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { KEY, ptyTestbed } from '../helpers/pty.js';

const bed = ptyTestbed();

describe('pmcoach with no command, in a terminal', () => {
  it('opens the home menu; "Surprise me" starts a practice session on a bundled question; Ctrl-C saves it', async () => {
    const run = bed.start([]);
    await run.waitFor('❯ Practise a question');
    run.write(KEY.down);
    await run.waitFor('❯ Surprise me');
    run.write(KEY.enter);
    await run.waitFor('Enter to start the clock');
    run.write(KEY.enter);
    await run.waitFor(/stage 1 of 5/);
    await run.waitFor(/Clarifying questions/);
    await run.type('Which markets are in scope?');
    run.write(KEY.ctrlC);
    await run.waitFor(/Saved\. Resume with: pmcoach resume \S+/);
    expect((await run.exited).exitCode).toBe(130);
    const [file] = readdirSync(join(bed.home, 'sessions')).filter((f) => f.endsWith('.json'));
    const session = JSON.parse(readFileSync(join(bed.home, 'sessions', file!), 'utf8')) as { origin: string; stages: Array<{ text: string }> };
    expect(session.origin).toBe('practice');
    expect(session.stages[0]!.text).toBe('Which markets are in scope?');
  });
});

describe('pmcoach practice --focus weak', () => {
  it('picks a question for the weakest criteria in the saved history and says why', async () => {
    cpSync(join(ROOT, 'test', 'fixtures', 'sessions'), join(bed.home, 'sessions'), { recursive: true });
    const run = bed.start(['practice', '--focus', 'weak']);
    const why = await run.waitFor(/Picked for you: (it works on your weakest|your weakest): [^\n]+/);
    expect(why).toMatch(/\(\d(\.\d)?\)/);
    run.write(KEY.enter);
    await run.waitFor(/stage 1 of 5/);
    run.write(KEY.ctrlC);
    expect((await run.exited).exitCode).toBe(130);
  });
});

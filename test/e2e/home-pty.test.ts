import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { KEY, ptyTestbed, stripAnsi, type PtyRun } from '../helpers/pty.js';
import type { SessionRecord } from '../../src/session/types.js';

// The screens around a practice session, in the BUILT binary in a pseudo-terminal (npm run build first):
// the home menu, the question picker, the ready screen, the result card and the menu after it.
const FIXTURES = ['--questions', 'test/fixtures/practice'];
const LONG = 30_000;
const ESC = '\x1b';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bed = ptyTestbed({ prefix: 'pmcoach-home-', args: FIXTURES, cols: 80, rows: 24 });

function sessions(): SessionRecord[] {
  const dir = join(bed.home, 'sessions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SessionRecord);
}

const noStack = (p: PtyRun): void => expect(p.screen()).not.toMatch(/\n\s+at .+:\d+:\d+/);

/** From the ready screen of fixture-practice-ads: Enter, then five short answers. */
async function answerAll(p: PtyRun): Promise<void> {
  await p.waitFor('Enter to start the clock');
  p.write(KEY.enter);
  for (const title of ['Clarifying questions', 'Stakeholders', 'Metrics', 'Experiments', 'Recommendation']) {
    await p.waitFor(`▸ ${title}`, { from: p.mark() });
    await p.type(`My ${title.toLowerCase()}: ad revenue per daily user, with time spent above 95% as a guardrail.`);
    p.write(KEY.ctrlD);
  }
}

/** Opens the picker narrowed to one fixture question and picks it. */
async function pickAds(p: PtyRun): Promise<void> {
  await p.waitFor('Pick a question');
  await p.type('more ads');
  await p.waitFor(/❯ Practice fixture - more ads/);
  p.write(KEY.enter);
}

describe('the home menu', () => {
  it('without an unfinished session starts at "Practise a question"; Quit exits 0', async () => {
    const p = bed.start([]);
    await p.waitFor('what would you like to do?');
    await p.waitFor('❯ Practise a question');
    expect(p.screen()).not.toContain('Resume');
    for (const item of ['Surprise me', 'Work on my weakest criterion', 'Mock interview', 'History and progress', 'Set up an LLM judge', 'Quit']) expect(p.screen()).toContain(item);
    p.write(KEY.up);
    await p.waitFor('❯ Quit');
    p.write(KEY.enter);
    expect((await p.exited).exitCode).toBe(0);
  });

  it('with an unfinished session offers Resume first (title, stage, time left) and resumes it', async () => {
    cpSync(join(ROOT, 'test', 'fixtures', 'sessions', '20261114-093000-g7h8-shopify-checkout-upsells.json'), join(bed.home, 'sessions', '20261114-093000-g7h8-shopify-checkout-upsells.json'));
    const p = bed.start([]);
    await p.waitFor(/❯ Resume: Checkout upsells vs\. checkout conversion \(Metrics, \d+:\d\d left\)/);
    p.write(KEY.enter);
    await p.waitFor('stage 3 of 5');
    await p.waitFor('▸ Metrics');
    p.write(KEY.ctrlC);
    await p.waitFor(/Saved\. Resume with: pmcoach resume/);
    expect((await p.exited).exitCode).toBe(130);
  });

  it('"Surprise me" goes to the ready screen of a random question; Esc there comes back to the menu', async () => {
    const p = bed.start([]);
    await p.waitFor('❯ Practise a question');
    p.write(KEY.down);
    await p.waitFor('❯ Surprise me');
    p.write(KEY.enter);
    await p.waitFor('Enter to start the clock, Esc to go back');
    const from = p.mark();
    p.write(ESC);
    await p.waitFor('what would you like to do?', { from });
    p.write(KEY.ctrlC);
    expect((await p.exited).exitCode).toBe(130);
    noStack(p);
    expect(sessions()).toHaveLength(0);
  });

  it('"History and progress" prints stats and recent sessions, then the menu again', async () => {
    cpSync(join(ROOT, 'test', 'fixtures', 'sessions'), join(bed.home, 'sessions'), { recursive: true });
    const p = bed.start([]);
    await p.waitFor('❯ Resume');
    for (let i = 0; i < 5; i++) p.write(KEY.down);
    await p.waitFor('❯ History and progress');
    const from = p.mark();
    p.write(KEY.enter);
    await p.waitFor('Progress over the last', { from });
    await p.waitFor(/Read one with: pmcoach export/, { from });
    const again = p.mark();
    await p.waitFor('❯ Resume', { from: again });
    p.write(KEY.ctrlC);
    expect((await p.exited).exitCode).toBe(130);
  });
});

describe('the home menu, set up', () => {
  it('"Set up an LLM judge" opens the wizard; Esc there comes back to the menu', async () => {
    const p = bed.start([]);
    await p.waitFor('❯ Practise a question');
    p.write(KEY.up + KEY.up);
    await p.waitFor('❯ Set up an LLM judge');
    p.write(KEY.enter);
    await p.waitFor('Which server should judge your answers?');
    const from = p.mark();
    p.write(ESC);
    await p.waitFor('❯ Practise a question', { from });
    p.write(KEY.up);
    await p.waitFor('❯ Quit', { from });
    p.write(KEY.enter);
    expect((await p.exited).exitCode).toBe(0);
    noStack(p);
  });
});

describe('the question picker and the ready screen', () => {
  it('filters as you type, shows company, difficulty and practice, and the clock waits for Enter', async () => {
    const p = bed.start(['practice', '--tag', 'fixture-practice', '--tag', 'fixture-practice-long']);
    await p.waitFor('Pick a question (2;');
    await p.waitFor(/Practice fixture - a long session\s+Fixtureshop · easy · new/);
    await p.waitFor(/Practice fixture - more ads[^\n]*Fixturegram · medium · new/);
    await p.type('ads');
    await p.waitFor(/❯ Practice fixture - more ads/);
    await sleep(300);
    const last = stripAnsi(p.raw().slice(p.raw().lastIndexOf('Pick a question')));
    expect(last).toContain('more ads');
    expect(last).not.toContain('a long session');
    p.write(KEY.enter);
    await p.waitFor('Enter to start the clock, Esc to go back');
    await p.waitFor(/Stages\s+\(\d+ min in all/);
    expect(p.screen()).toContain('1. Clarifying questions');
    expect(p.screen()).toContain('5. Recommendation');
    // No clock before Enter.
    await sleep(1200);
    expect(p.screen()).not.toMatch(/stage 1 of 5|\d\d:\d\d left/);
    const started = p.mark();
    p.write(KEY.enter);
    await p.waitFor('stage 1 of 5', { from: started });
    await p.waitFor(/\d\d:\d\d left/, { from: started });
    p.write(KEY.ctrlC);
    expect((await p.exited).exitCode).toBe(130);
  });

  it('Esc on the ready screen goes back to the picker; Esc in the picker exits 130 without a stack', async () => {
    const p = bed.start(['practice', '--tag', 'fixture-practice']);
    await pickAds(p);
    await p.waitFor('Enter to start the clock');
    const from = p.mark();
    p.write(ESC);
    await p.waitFor('Pick a question', { from });
    p.write(ESC);
    expect((await p.exited).exitCode).toBe(130);
    noStack(p);
    expect(sessions()).toHaveLength(0);
  });

  it('--focus weak says why on the ready screen', async () => {
    cpSync(join(ROOT, 'test', 'fixtures', 'sessions'), join(bed.home, 'sessions'), { recursive: true });
    const p = bed.start(['--questions', 'test/fixtures/practice', 'practice', '--focus', 'weak'], {}, { cols: 120, rows: 40 });
    await p.waitFor(/Picked for you: [^\n]*weakest[^\n]*/);
    await p.waitFor('Enter to start the clock');
    p.write(KEY.ctrlC);
    expect((await p.exited).exitCode).toBe(130);
    noStack(p);
  });
});

describe('the result card and the menu after it', () => {
  it(
    'fits 80x24 after a full session: the overall score and verdict are on the last screen',
    async () => {
      const p = bed.start(['practice', '--tag', 'fixture-practice', '--time-scale', '0.05']);
      await pickAds(p);
      await answerAll(p);
      await p.waitFor('What next?');
      await p.waitFor('↑↓ navigate');
      // What is on the terminal now: everything after the practice screen closed (the alternate screen).
      const raw = p.raw();
      const after = stripAnsi(raw.slice(raw.lastIndexOf('\x1b[?1049l')));
      const lines = after.split('\n');
      const scoreAt = lines.findIndex((l) => /^Score \d+\/100  (strong no hire|no hire|lean hire|hire|strong hire)/.test(l));
      expect(scoreAt).toBeGreaterThanOrEqual(0);
      const card = lines.slice(scoreAt, lines.findIndex((l) => l.includes('↑↓ navigate')) + 1);
      expect(card.length).toBeLessThanOrEqual(24);
      for (const l of card) expect([...l].length).toBeLessThanOrEqual(80);
      expect(after).toMatch(/Limiting factor: /);
      expect(after).toMatch(/Next: 1\. /);
      expect(after).toMatch(/Transcript .*\.md/);
      expect(after).toMatch(/❯ See the details/);
      // The per-stage time table is printed once (by the session), not again by the score.
      expect(after.match(/Recommendation\s+\d\d:\d\d/g) ?? []).toHaveLength(1);
      expect(after).not.toContain('Time per stage');
      p.write(KEY.up);
      await p.waitFor('❯ Done');
      p.write(KEY.enter);
      expect((await p.exited).exitCode).toBe(0);
      expect(sessions()[0]!.score?.overall).toEqual(expect.any(Number));
    },
    LONG,
  );

  it(
    'See the details shows the full view; Export asks for a file name and writes it; Retry opens the ready screen again',
    async () => {
      const p = bed.start(['practice', '--tag', 'fixture-practice', '--time-scale', '0.05'], { PAGER: 'cat' });
      await pickAds(p);
      await answerAll(p);
      await p.waitFor('❯ See the details');
      let from = p.mark();
      p.write(KEY.enter);
      await p.waitFor(/Criterion\s+Weight\s+Score/, { from });
      await p.waitFor('What next?', { from });

      from = p.mark();
      p.write(KEY.down + KEY.down + KEY.down);
      await p.waitFor('❯ Export transcript…', { from });
      p.write(KEY.enter);
      await p.waitFor('Export to', { from });
      const out = join(bed.home, 'exported.md');
      await p.type(out);
      p.write(KEY.enter);
      await p.waitFor(`Wrote ${out}`, { from });
      expect(readFileSync(out, 'utf8')).toMatch(/^# /);

      from = p.mark();
      // The menu comes back with the first entry selected.
      p.write(KEY.down);
      await p.waitFor('❯ Retry this question', { from });
      p.write(KEY.enter);
      await p.waitFor('Practice fixture - more ads or more engagement', { from });
      await p.waitFor('Enter to start the clock', { from });
      p.write(KEY.ctrlC);
      expect((await p.exited).exitCode).toBe(130);
      noStack(p);
    },
    LONG,
  );

  it(
    'Next question opens the picker; Ctrl-C in the menu after the card exits 130 without a stack',
    async () => {
      const p = bed.start(['practice', '--tag', 'fixture-practice', '--tag', 'fixture-practice-long', '--time-scale', '0.05']);
      await pickAds(p);
      await answerAll(p);
      await p.waitFor('❯ See the details');
      let from = p.mark();
      p.write(KEY.down + KEY.down);
      await p.waitFor('❯ Next question', { from });
      p.write(KEY.enter);
      await p.waitFor('Pick a question (1;', { from });
      from = p.mark();
      p.write(ESC);
      // Esc in the picker after a finished session: done, not an interruption.
      expect((await p.exited).exitCode).toBe(0);

      rmSync(join(bed.home, 'sessions'), { recursive: true, force: true });
      const q = bed.start(['practice', 'fixture-practice-ads', '--time-scale', '0.05']);
      await answerAll(q);
      await q.waitFor('❯ See the details');
      q.write(KEY.ctrlC);
      expect((await q.exited).exitCode).toBe(130);
      noStack(q);
      expect(sessions()[0]!.status).toBe('finished');
    },
    LONG,
  );

  it(
    'See the model answer shows the candidate\'s answer and the model answer under each stage, missed points marked',
    async () => {
      const p = bed.start(['--questions', 'test/fixtures/home', 'practice', 'fixture-model-answer', '--time-scale', '0.05'], { PAGER: 'cat' });
      await answerAll(p);
      await p.waitFor('❯ See the details');
      const from = p.mark();
      p.write(KEY.down);
      await p.waitFor('❯ See the model answer', { from });
      p.write(KEY.enter);
      await p.waitFor('Your answer and a model answer: Home fixture - a question with a model answer', { from });
      await p.waitFor('Ship autoplay on by default with a visible switch', { from });
      const shown = p.screen(from);
      expect(shown.indexOf('Your answer')).toBeLessThan(shown.indexOf('Model answer\n'));
      expect(shown).toMatch(/Missed:[\s\S]*✗ /);
      await p.waitFor('What next?', { from });
      p.write(KEY.up);
      await p.waitFor('❯ Done', { from });
      p.write(KEY.enter);
      expect((await p.exited).exitCode).toBe(0);
    },
    LONG,
  );

  it(
    '--no-menu prints the card and the details and exits',
    async () => {
      const p = bed.start(['practice', 'fixture-practice-ads', '--time-scale', '0.05', '--no-menu']);
      await answerAll(p);
      expect((await p.exited).exitCode).toBe(0);
      expect(p.screen()).toMatch(/Score \d+\/100/);
      expect(p.screen()).toMatch(/Criterion\s+Weight\s+Score/);
      expect(p.screen()).not.toContain('What next?');
    },
    LONG,
  );
});

describe('every prompt leaves with Ctrl-C (exit 130, no stack)', () => {
  it('the picker', async () => {
    const p = bed.start(['practice']);
    await p.waitFor('Pick a question');
    p.write(KEY.ctrlC);
    expect((await p.exited).exitCode).toBe(130);
    noStack(p);
  });

  it('Mock interview from the home menu: a typed path is checked, the mock starts, Ctrl-C leaves it', async () => {
    const p = bed.start([], {}, { cols: 110, rows: 40 });
    await p.waitFor('❯ Practise a question');
    for (let i = 0; i < 3; i++) p.write(KEY.down);
    await p.waitFor('❯ Mock interview');
    p.write(KEY.enter);
    await p.waitFor('Mock script (a YAML file; Esc to go back)');
    await p.type('no-such-file.yaml');
    p.write(KEY.enter);
    await p.waitFor('no file no-such-file.yaml');
    for (let i = 0; i < 'no-such-file.yaml'.length; i++) p.write(KEY.backspace);
    await p.type('test/fixtures/mock/loop.yaml');
    p.write(KEY.enter);
    await p.waitFor('stage 1 of 5');
    p.write(KEY.ctrlC);
    expect((await p.exited).exitCode).toBe(130);
    noStack(p);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempHome } from '../helpers/cli.js';
import { KEY, spawnPmcoach } from '../helpers/pty.js';
import { displayWidth } from '../../src/text/width.js';

// Tables that fit the terminal, sessions housekeeping, corrupt session files, colours, prompts never without a TTY.
const FIXTURE_SESSIONS = join(ROOT, 'test', 'fixtures', 'sessions');
let home = '';
let cleanup = (): void => {};
beforeEach(() => {
  ({ home, cleanup } = tempHome('pmcoach-housekeeping-'));
});
afterEach(() => cleanup());

const withSessions = (): void => cpSync(FIXTURE_SESSIONS, join(home, 'sessions'), { recursive: true });
const run = (...args: string[]) => runCli(args, { home });
const sessionIds = (): string[] => readdirSync(join(home, 'sessions')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

/** The lines a command prints in a terminal `cols` wide. */
async function inTerminal(args: string[], cols: number): Promise<string[]> {
  const p = spawnPmcoach(args, { home, cols, rows: 50 });
  await p.exited;
  return p.screen().replace(/\r/g, '').split('\n').filter((l) => l.trim() !== '');
}

describe('tables fit the terminal', () => {
  it.each([['list'], ['history'], ['sessions'], ['stats']])('%s at 80 and 100 columns: no row wider than the terminal', async (cmd) => {
    withSessions();
    for (const cols of [80, 100]) {
      const lines = await inTerminal([cmd], cols);
      expect(lines.length).toBeGreaterThan(2);
      for (const l of lines.filter((x) => !x.startsWith('warning:'))) expect(displayWidth(l), `${cmd} at ${cols}: ${l}`).toBeLessThanOrEqual(cols);
    }
  });

  it('the grade table at 80 columns: no row wider than the terminal', async () => {
    const lines = await inTerminal(['grade', 'test/fixtures/calibration/uber-surge-pricing-cap', 'test/fixtures/calibration/amazon-personalization-privacy'], 80);
    // The progress bar on stderr redraws one line with \r; the table follows it on stdout.
    const table = lines.map((l) => (l.includes('FILE ') ? l.slice(l.lastIndexOf('FILE ')) : l)).filter((l) => !l.includes('grading '));
    expect(table.some((l) => /^FILE\s+CANDIDATE/.test(l))).toBe(true);
    for (const l of table) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
  });

  it('list keeps the id whole and drops tags before the title; without a terminal nothing changes', async () => {
    const lines = await inTerminal(['list'], 80);
    expect(lines[0]).toMatch(/^ID\s+(COMPANY\s+)?(DIFFICULTY\s+)?BEST\s+TITLE$/);
    expect(lines.some((l) => l.startsWith('amazon-personalization-privacy '))).toBe(true);
    const piped = await run('list');
    expect(piped.stdout.split('\n')[0]).toMatch(/^ID\s+COMPANY\s+DIFFICULTY\s+BEST\s+TAGS\s+TITLE$/);
    expect(piped.stdout).toMatch(/privacy,personalization,e-commerce\s+Personalized recommendations vs\. user privacy/);
  });
});

describe('sessions housekeeping', () => {
  it('sessions says how many are unfinished and how to clear them', async () => {
    withSessions();
    const r = await run('sessions');
    expect(r.stdout).toContain('1 unfinished; clear with: pmcoach sessions rm --unfinished [--older-than 7d]');
  });

  it('rm takes any unique part of an id; several at once; --yes is needed without a terminal', async () => {
    withSessions();
    const ask = await run('sessions', 'rm', 'g7h8');
    expect(ask.code).toBe(2);
    expect(ask.stderr).toMatch(/without a terminal add --yes/);
    expect(sessionIds()).toContain('20261114-093000-g7h8-shopify-checkout-upsells');
    const r = await run('sessions', 'rm', 'g7h8', 'linkedin-feed', '--yes');
    expect(r.code).toBe(0);
    expect(sessionIds()).not.toContain('20261114-093000-g7h8-shopify-checkout-upsells');
    expect(sessionIds()).not.toContain('20261115-120000-i9j0-linkedin-feed-engagement-bait');
    const ambiguous = await run('sessions', 'rm', 'amazon', '--yes');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/"amazon" matches 2 sessions/);
  });

  it('rm --unfinished --older-than removes only unfinished sessions saved before then', async () => {
    withSessions();
    const fresh = JSON.parse(readFileSync(join(FIXTURE_SESSIONS, '20261114-093000-g7h8-shopify-checkout-upsells.json'), 'utf8'));
    writeFileSync(join(home, 'sessions', '20991231-000000-new1-fresh.json'), JSON.stringify({ ...fresh, id: '20991231-000000-new1-fresh', updatedAt: new Date().toISOString() }));
    const r = await run('sessions', 'rm', '--unfinished', '--older-than', '7d', '--yes');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Removed 1 session: 20261114-093000-g7h8-shopify-checkout-upsells');
    expect(sessionIds()).toContain('20991231-000000-new1-fresh');
    expect(sessionIds()).toContain('20261113-210000-e5f6-amazon-personalization-privacy');
    const bad = await run('sessions', 'rm', '--unfinished', '--older-than', 'soon');
    expect(bad.code).toBe(2);
  });

  it('rm asks in a terminal; Enter takes "no"', async () => {
    withSessions();
    const p = spawnPmcoach(['sessions', 'rm', 'g7h8'], { home });
    await p.waitFor('Remove 1 session?');
    p.write(KEY.enter);
    await p.waitFor('Nothing removed.');
    expect((await p.exited).exitCode).toBe(0);
    expect(sessionIds()).toContain('20261114-093000-g7h8-shopify-checkout-upsells');
  });

  it('"latest" is the latest finished session, and export and score say which they picked', async () => {
    withSessions();
    const e = await run('export', 'latest', '--format', 'json');
    expect(e.code).toBe(0);
    expect(e.stderr).toContain('Exporting the latest finished session: 20261115-120000-i9j0-linkedin-feed-engagement-bait');
    const s = await run('score', 'latest', '--judge', 'offline');
    expect(s.code).toBe(0);
    expect(s.stderr).toContain('Scoring the latest finished session: 20261115-120000-i9j0');
  });

  it('score refuses an unfinished session unless --unfinished, and saves nothing into it', async () => {
    withSessions();
    const before = readFileSync(join(home, 'sessions', '20261114-093000-g7h8-shopify-checkout-upsells.json'), 'utf8');
    const r = await run('score', 'g7h8');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^pmcoach: session 20261114-093000-g7h8-shopify-checkout-upsells is not finished; continue it with pmcoach resume .*--unfinished$/);
    expect(readFileSync(join(home, 'sessions', '20261114-093000-g7h8-shopify-checkout-upsells.json'), 'utf8')).toBe(before);
    const ok = await run('score', 'g7h8', '--unfinished');
    expect(ok.code).toBe(0);
  });

  it('ids match any unique part; an empty id matches nothing', async () => {
    withSessions();
    expect((await run('export', 'feed-ad-load')).code).toBe(0);
    expect((await run('export', '081500')).code).toBe(0);
    const empty = await run('export', '');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/give a session id/);
  });
});

describe('corrupt session files', () => {
  const broken = (name: string, edit: (s: Record<string, any>) => unknown): void => {
    const s = JSON.parse(readFileSync(join(FIXTURE_SESSIONS, '20261113-210000-e5f6-amazon-personalization-privacy.json'), 'utf8'));
    mkdirSync(join(home, 'sessions'), { recursive: true });
    writeFileSync(join(home, 'sessions', `${name}.json`), JSON.stringify(edit({ ...s, id: name })));
  };

  it.each([
    ['a null stage', (s: Record<string, any>) => ({ ...s, stages: [null, ...s.stages.slice(1)] }), /stages\.0/],
    ['numeric text', (s: Record<string, any>) => ({ ...s, stages: [{ ...s.stages[0], text: 7 }, ...s.stages.slice(1)] }), /stages\.0\.text/],
    ['a broken score', (s: Record<string, any>) => ({ ...s, score: { overall: 'x' } }), /score\./],
    ['a missing question title', (s: Record<string, any>) => ({ ...s, question: { ...s.question, title: undefined } }), /question\.title: missing/],
    ['a huge time', (s: Record<string, any>) => ({ ...s, stages: [{ ...s.stages[0], secondsUsed: 1e300 }, ...s.stages.slice(1)] }), /stages\.0\.secondsUsed/],
  ])('%s: lists skip it with one warning; score, export and resume say the file is corrupt', async (_name, edit, where) => {
    broken('20261120-000000-bad1-x', edit);
    for (const cmd of ['sessions', 'history', 'stats']) {
      const r = await run(cmd);
      expect(r.code, cmd).toBe(0);
      expect(r.stderr.trim().split('\n'), cmd).toHaveLength(1);
      expect(r.stderr).toMatch(where);
    }
    for (const args of [['score', 'bad1'], ['export', 'bad1']]) {
      const r = await run(...args);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^pmcoach: the file is corrupt: .*20261120-000000-bad1-x\.json \(/);
      expect(r.stderr).toMatch(where);
    }
  });

  it('a truncated file is "corrupt", not "no session"', async () => {
    mkdirSync(join(home, 'sessions'), { recursive: true });
    const text = readFileSync(join(FIXTURE_SESSIONS, '20261113-210000-e5f6-amazon-personalization-privacy.json'), 'utf8');
    writeFileSync(join(home, 'sessions', '20261120-000000-cut1-x.json'), text.slice(0, 300));
    const r = await run('export', '20261120-000000-cut1-x');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the file is corrupt: .*cut1-x\.json \(not valid JSON/);
  });
});

describe('colours and prompts without a terminal', () => {
  it('FORCE_COLOR=1 colours a pipe; NO_COLOR and --no-color do not; a terminal does', async () => {
    const forced = await runCli(['list'], { home, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[1mID');
    expect((await runCli(['list'], { home, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await runCli(['--no-color', 'list'], { home, env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await run('list')).stdout).not.toContain('\u001b[');
    const p = spawnPmcoach(['list'], { home });
    await p.exited;
    expect(p.raw()).toContain('\u001b[1mID');
  });

  it('never prompts without a terminal: practice, resume, setup and sessions rm exit 2 at once', async () => {
    withSessions();
    for (const args of [['practice'], ['resume'], ['setup'], ['sessions', 'rm', '--unfinished']]) {
      const r = await runCli(args, { home, timeoutMs: 5000 });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});

describe('an unwritable data folder', () => {
  it('is one line naming the folder and PMCOACH_HOME, not a stack (config set, grade --save, score)', async () => {
    // A path under a regular file cannot be created, even by root (chmod is not enough as root).
    const file = join(home, 'a-file');
    writeFileSync(file, '');
    const bad = join(file, 'home');
    const set = await runCli(['config', 'set', 'judge', 'llm'], { home: bad });
    expect(set.code).toBe(1);
    expect(set.stderr.trim().split('\n')).toHaveLength(1);
    expect(set.stderr).toMatch(/^pmcoach: cannot write to the data folder .*a-file\/home \(ENOTDIR: .*PMCOACH_HOME/);
    for (const args of [['grade', 'test/fixtures/calibration/uber-surge-pricing-cap/strong.yaml', '--save'], ['score', 'latest'], ['practice']]) {
      const r = await runCli(args, { home: bad });
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
      expect(r.code, args.join(' ')).not.toBe(70);
      expect(r.code, args.join(' ')).not.toBe(0);
    }
  });
});

describe('validate knows a file by its shape and reports every problem in one pass', () => {
  const file = (name: string, text: string): string => {
    writeFileSync(join(home, name), text);
    return join(home, name);
  };

  it('a good mock script, a rubric outside rubrics/ and an answer file are checked as what they are', async () => {
    const rubric = readFileSync(join(ROOT, 'questions', 'rubrics', 'trade-off.yaml'), 'utf8').replace(/^id: trade-off$/m, 'id: my-rubric');
    const r = await runCli(['validate', 'test/fixtures/mock/loop.yaml', file('mine.yaml', rubric), 'test/fixtures/calibration/uber-surge-pricing-cap/strong.yaml'], { home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok {2}0 questions, 2 rubrics, 1 answer file and 1 mock script in 4 files, no problems/);
  });

  it('a bad mock script gets its own problems, an unknown question id at its id: line', async () => {
    const m = file('loop.yaml', 'title: M\nquestions:\n  - id: no-such-question\n  - pick: { tag: x }\n    framework: { metrics: 0 }\nbreak_seconds: -1\n');
    const r = await runCli(['validate', m], { home });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n').map((l) => l.replace(`${home}/`, ''));
    expect(lines).toEqual([
      'loop.yaml:3:5  questions.0.id: unknown question "no-such-question"; use an id from pmcoach list',
      'loop.yaml:5:27  questions.1.framework.metrics: must be a positive number of minutes',
      'loop.yaml:6:16  break_seconds: must be 0 or more seconds',
    ]);
  });

  it('an unknown rubric is reported with the question\'s other problems, at the rubric: line', async () => {
    const q = file('q.yaml', 'id: my-q\ntitle: T\nprompt: P\ndifficulty: hardest\nrubric: nope\n');
    const r = await runCli(['validate', q], { home });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n').map((l) => l.replace(`${home}/`, ''));
    expect(lines).toEqual(['q.yaml:4:13  difficulty: must be one of "easy", "medium", "hard", got "hardest"', 'q.yaml:5:1  rubric: unknown rubric "nope" (known: trade-off)']);
  });

  it('file names and text from files reach the terminal without control sequences', async () => {
    const q = file('evil\u001b]0;pwned\u0007.yaml', 'id: Bad Id\ntitle: "T\u001b[2J"\nprompt: P\n');
    const r = await runCli(['validate', q], { home });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stdout).toContain('evil.yaml:1:5  id: must be kebab-case');
  });
});

describe('a YAML alias bomb', () => {
  const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n');

  it('is a skipped file for list and a positioned problem for validate; the other files still load', async () => {
    mkdirSync(join(home, 'mine'));
    writeFileSync(join(home, 'mine', 'bomb.yaml'), laughs);
    const list = await runCli(['--questions', join(home, 'mine'), 'list', '--json'], { home });
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as unknown[]).length).toBeGreaterThan(30);
    expect(list.stderr).toMatch(/^warning: 1 file skipped \(1 problem\), run pmcoach validate/);
    const v = await runCli(['validate', join(home, 'mine')], { home });
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/bomb\.yaml:2:8 {2}too many YAML aliases/);
    expect(v.stderr).not.toMatch(/\n\s+at /);
  });

  it('as an answer file does not abort a batch', async () => {
    mkdirSync(join(home, 'answers'));
    cpSync(join(ROOT, 'test', 'fixtures', 'calibration', 'uber-surge-pricing-cap', 'strong.yaml'), join(home, 'answers', 'good.yaml'));
    writeFileSync(join(home, 'answers', 'bomb.yaml'), laughs.replace(/^a:/, 'answers: x\na:'));
    const r = await runCli(['grade', join(home, 'answers'), '--json'], { home });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).not.toBe(70);
    expect(r.stdout).toContain('good.yaml');
  });
});

describe('control sequences from files never reach the terminal', () => {
  const EVIL = '\u001b]0;pwned\u0007';
  const WIPE = '\u001b[5i';
  const question = (): string => {
    mkdirSync(join(home, 'evil'), { recursive: true });
    writeFileSync(
      join(home, 'evil', 'evil.yaml'),
      ['id: evil-question', `title: "Evil ${EVIL}title${WIPE}"`, `prompt: "Prompt ${EVIL}with${WIPE} codes \\u202eright-to-left"`, `company: "Co${WIPE}"`, `tags: ["t${EVIL}ag"]`].join('\n'),
    );
    return join(home, 'evil');
  };
  const clean = (text: string): void => {
    expect(text).not.toContain('\u001b]0;pwned');
    expect(text).not.toContain(WIPE);
    expect(text).not.toContain('\u202e');
  };

  it('in show and list (in a terminal too)', async () => {
    const dir = question();
    const show = await runCli(['--questions', dir, 'show', 'evil-question'], { home });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Evil title');
    clean(show.stdout);
    const list = spawnPmcoach(['--questions', dir, 'list', '--search', 'evil'], { home, cols: 120 });
    await list.exited;
    expect(list.screen()).toContain('evil-question');
    clean(list.raw());
  });

  it('on the ready screen and the practice screen', async () => {
    const dir = question();
    const p = spawnPmcoach(['--questions', dir, 'practice', 'evil-question'], { home, cols: 100, rows: 30 });
    await p.waitFor('Enter to start the clock');
    p.write(KEY.enter);
    await p.waitFor('stage 1 of 5');
    await p.waitFor('Prompt with codes');
    p.write(KEY.ctrlC);
    await p.exited;
    clean(p.raw());
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome, ROOT } from '../helpers/cli.js';

const GOOD = 'test/fixtures/questions-good';
const BAD = 'test/fixtures/questions-bad';
let home: string;
let cleanup: () => void;

beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

describe('pmcoach list', () => {
  it('shows the bundled bank and added folders as an aligned table', async () => {
    const r = await runCli(['--questions', GOOD, 'list'], { home });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+COMPANY\s+DIFFICULTY\s+BEST\s+TAGS\s+TITLE$/);
    const row = lines.find((l) => l.startsWith('fixture-checkout-speed'))!;
    expect(row).toMatch(/^fixture-checkout-speed\s+FixtureMart\s+easy\s+—\s+payments,fixture\s+Faster checkout vs\. fraud checks$/);
    // columns line up: every row's COMPANY starts where the header's does
    const col = lines[0]!.indexOf('COMPANY');
    for (const l of lines.slice(1, -1)) expect(l[col - 1]).toBe(' ');
    expect(r.stdout).toContain('amazon-personalization-privacy');
    expect(lines.at(-1)).toMatch(/^\d+ of \d+ questions$/);
  });

  it('filters by tag, company, difficulty and search text', async () => {
    const ids = async (...args: string[]) => {
      const r = await runCli(['--questions', GOOD, 'list', '--json', ...args], { home });
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as Array<{ id: string }>).map((q) => q.id);
    };
    expect(await ids('--tag', 'fixture', '--difficulty', 'hard')).toEqual(['fixture-feed-ads']);
    expect(await ids('--company', 'fixturemaps')).toEqual(['fixture-maps-offline']);
    expect(await ids('--search', 'CARD verification')).toEqual(['fixture-checkout-speed']);
    expect(await ids('--tag', 'maps', '--tag', 'payments', '--company', 'FixtureMart')).toEqual(['fixture-checkout-speed']);
  });

  it('--json prints full question objects with defaults filled in', async () => {
    const r = await runCli(['--questions', GOOD, '--json', 'list', '--tag', 'fixture'], { home });
    const qs = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    const maps = qs.find((q) => q.id === 'fixture-maps-offline')!;
    expect(maps).toMatchObject({ difficulty: 'medium', category: 'trade-off', facts: [], follow_ups: [] });
    expect(qs.find((q) => q.id === 'fixture-checkout-speed')).toHaveProperty('reference.metrics', ['checkout conversion', 'chargeback rate']);
  });

  it('loads folders from PMCOACH_QUESTIONS', async () => {
    const r = await runCli(['list', '--tag', 'fixture'], { home, env: { PMCOACH_QUESTIONS: join(ROOT, GOOD) } });
    expect(r.stdout).toContain('fixture-feed-ads');
  });

  it('skips bad files with one warning on stderr and still lists the good ones', async () => {
    const r = await runCli(['--questions', BAD, 'list', '--search', 'fine'], { home });
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^warning: \d+ files skipped \(\d+ problems\), run pmcoach validate$/)]);
    expect(r.stdout).not.toContain('list-ok');
  });

  it('names a question folder that does not exist, and still lists the bank', async () => {
    const r = await runCli(['--questions', 'no/such/folder', 'list', '--json'], { home });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: question folder no/such/folder does not exist (from --questions or PMCOACH_QUESTIONS)\n');
    expect((JSON.parse(r.stdout) as unknown[]).length).toBeGreaterThanOrEqual(30);
  });

  it('sees an edited file on the next run (the cache follows the files)', async () => {
    const dir = join(home, 'mine');
    mkdirSync(dir);
    cpSync(join(ROOT, GOOD, 'fixture-checkout-speed.yaml'), join(dir, 'q.yaml'));
    const first = await runCli(['--questions', dir, 'list', '--tag', 'fixture'], { home });
    expect(first.stdout).toContain('Faster checkout vs. fraud checks');
    const path = join(dir, 'q.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('Faster checkout vs. fraud checks', 'Renamed title'));
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const second = await runCli(['--questions', dir, 'list', '--tag', 'fixture'], { home });
    expect(second.stdout).toContain('Renamed title');
  });
});

describe('pmcoach show', () => {
  it('prints the prompt, tags, minutes per stage and counts, but not the reference points', async () => {
    const r = await runCli(['--questions', GOOD, 'show', 'fixture-checkout-speed'], { home });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Should FixtureMart remove the extra card verification step');
    expect(r.stdout).toContain('Tags: payments, fixture');
    expect(r.stdout).toMatch(/Clarifying questions\s+2 min/);
    expect(r.stdout).toMatch(/Stakeholders\s+3 min/);
    expect(r.stdout).toMatch(/Metrics\s+5 min/);
    expect(r.stdout).toMatch(/17 min in all/);
    expect(r.stdout).toContain('Facts the interviewer can reveal: 3');
    expect(r.stdout).toContain('Follow-up questions: 2');
    expect(r.stdout).not.toContain('risk-based verification');
  });

  it('--json prints everything, reference points included', async () => {
    const r = await runCli(['--questions', GOOD, 'show', 'fixture-checkout-speed', '--json'], { home });
    expect(JSON.parse(r.stdout).reference.recommendation).toEqual(['risk-based verification']);
  });

  it('an unknown id says so and suggests the closest ids', async () => {
    const r = await runCli(['--questions', GOOD, 'show', 'fixture-checkout'], { home });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('pmcoach: unknown question "fixture-checkout"; did you mean "fixture-checkout-speed"?\n');
  });
});

describe('pmcoach validate', () => {
  it('passes on the bundled bank with a one-line summary', async () => {
    const r = await runCli(['validate'], { home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok {2}\d+ questions and \d+ rubrics? in \d+ files, no problems\n$/);
  });

  it('reports every problem in every file at once, then a count, exit 1', async () => {
    const r = await runCli(['validate', BAD], { home });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l).toMatch(/^test\/fixtures\/questions-bad\/[a-z-]+\.yaml:\d+:\d+ {2}/);
    expect(lines).toContain('test/fixtures/questions-bad/unknown-key.yaml:4:1  tgas: unknown field; did you mean "tags"?');
    expect(lines).toContain('test/fixtures/questions-bad/dup-b.yaml:2:5  id: duplicate id "duplicated-id" (also in test/fixtures/questions-bad/dup-a.yaml:1:5)');
    expect(lines).toContain('test/fixtures/questions-bad/empty.yaml:1:1  file is empty; expected a mapping such as "id: ...", "title: ...", "prompt: ..."');
    expect(lines.some((l) => l.startsWith('test/fixtures/questions-bad/unknown-rubric.yaml:4:1  rubric: unknown rubric "no-such-rubric"'))).toBe(true);
    expect(r.stderr).toBe(`pmcoach: ${lines.length} problems in 10 files; fix them and run pmcoach validate again\n`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('checks single files and reports binary and oversized ones', async () => {
    writeFileSync(join(home, 'bin.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    writeFileSync(join(home, 'big.yaml'), `id: big\ntitle: Big\nprompt: "${'x'.repeat(1024 * 1024)}"\n`);
    const r = await runCli(['validate', join(home, 'bin.yaml'), join(home, 'big.yaml'), join(ROOT, GOOD, 'fixture-checkout-speed.yaml')], { home });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('bin.yaml:1:1  binary file');
    expect(r.stdout).toContain('big.yaml:1:1  file is 1.0 MiB; the limit is 1 MiB');
    expect(r.stderr).toContain('2 problems in 2 files');
  });

  it('a missing path is a problem, not a crash', async () => {
    const r = await runCli(['validate', 'no/such/dir'], { home });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('no/such/dir:1:1  no such file or folder\n');
  });
});

describe('the CLI shell', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version'], { home });
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('--help lists the commands with examples', async () => {
    const r = await runCli(['--help'], { home });
    expect(r.code).toBe(0);
    for (const c of ['list', 'show', 'validate', 'paths']) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    expect(r.stdout).toContain('Examples:');
  });

  it.each([
    [['list', '--difficulty', 'brutal'], /^pmcoach: option '-d, --difficulty <level>' argument 'brutal' is invalid\. Allowed choices are easy, medium, hard\.\n/],
    [['lsit'], /^pmcoach: unknown command 'lsit'\n\(Did you mean list\?\)\n/],
    [['list', '--colour'], /^pmcoach: unknown option '--colour'/],
    [['show'], /^pmcoach: missing required argument 'id'\n/],
  ])('bad usage %j exits 2 with a one-line error', async (args, message) => {
    const r = await runCli(args, { home });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Run pmcoach --help for usage\.\n$/);
  });

  it('with no command and no terminal, lists the questions and says how to practise', async () => {
    const r = await runCli([], { home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+COMPANY/);
    expect(r.stdout).toContain('amazon-personalization-privacy');
    expect(r.stderr).toMatch(/^pmcoach: no command given; here are the questions\. In a terminal, `pmcoach` opens a menu/);
  });

  it('paths prints the folders under PMCOACH_HOME', async () => {
    const r = await runCli(['paths', '--json'], { home });
    const p = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(p).toMatchObject({ home, sessions: join(home, 'sessions'), config: join(home, 'config.json') });
    expect(p.questions).toEqual([join(ROOT, 'questions')]);
  });

  it('no colour codes when NO_COLOR is set or --no-color is given, even when forced', async () => {
    const forced = await runCli(['list'], { home, env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    const a = await runCli(['list'], { home, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    const b = await runCli(['--no-color', 'list'], { home, env: { FORCE_COLOR: '1' } });
    expect(a.stdout).not.toContain('\u001b[');
    expect(b.stdout).not.toContain('\u001b[');
  });
});

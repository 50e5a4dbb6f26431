import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome, ROOT } from '../helpers/cli.js';

/**
 * history, stats and export on a prepared PMCOACH_HOME: five readable sessions (three scored, one
 * unscored, one unfinished), one truncated file and one hand-edited file with wrong types.
 */
const FIXTURES = join(ROOT, 'test/fixtures/sessions');
const INSTAGRAM = '20261112-081500-c3d4-instagram-feed-ad-load';
const LINKEDIN = '20261115-120000-i9j0-linkedin-feed-engagement-bait';
const env = { TZ: 'UTC' };
let home: string;
let cleanup: () => void;

beforeEach(() => {
  ({ home, cleanup } = tempHome());
  mkdirSync(join(home, 'sessions'));
  cpSync(FIXTURES, join(home, 'sessions'), { recursive: true });
});
afterEach(() => cleanup());

const run = (...args: string[]) => runCli(args, { home, env });
const oneLineNoStack = (stderr: string) => {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('pmcoach history', () => {
  it('lists sessions newest first and reports the unreadable files once, on one line', async () => {
    const r = await run('history');
    expect(r.code).toBe(0);
    oneLineNoStack(r.stderr);
    expect(r.stderr).toMatch(/^warning: skipped 2 unreadable session files in .*sessions: 20261116-000000-zz99-broken\.json \(not valid JSON[^)]*\), 20261117-070000-k1l2-hand-edited\.json \(stages\.0\.text: expected string, got number/);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^DATE\s+ID\s+OVERALL\s+VERDICT\s+JUDGE\s+QUESTION$/);
    expect(lines.slice(1, 6).map((l) => l.split(/\s{2,}/)[1])).toEqual(['20261115-120000-i9j0', '20261114-093000-g7h8', '20261113-210000-e5f6', '20261112-081500-c3d4', '20261110-190500-a1b2']);
    expect(lines[1]).toMatch(/^2026-11-15 12:00\s+20261115-120000-i9j0\s+—\s+not scored\s+Viral engagement/);
    expect(lines[2]).toMatch(/20261114-093000-g7h8\s+—\s+unfinished\s+Checkout upsells/);
    expect(lines[3]).toMatch(/20261113-210000-e5f6\s+56\s+lean hire\s+offline\s+Personalized recommendations vs\. user privacy$/);
    expect(lines[4]).toMatch(/20261112-081500-c3d4\s+69\s+lean hire\s+gpt-4o-mini\s+Ad load vs\. feed engagement$/);
    expect(lines[5]).toMatch(/20261110-190500-a1b2\s+31\s+no hire\s+offline/);
    expect(lines[6]).toMatch(/^5 of 5 sessions\. /);
  });

  it('--json prints every readable session with the same fields; --limit keeps the newest', async () => {
    const r = await run('history', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((x) => x.id)).toHaveLength(5);
    expect(rows[3]).toMatchObject({ id: INSTAGRAM, overall: 69, verdict: 'lean hire', judge: 'gpt-4o-mini at https://api.openai.com/v1', questionId: 'instagram-feed-ad-load' });
    expect(rows[0]).toMatchObject({ id: LINKEDIN, overall: null, verdict: null, judge: null, status: 'finished' });
    const limited = JSON.parse((await run('history', '--json', '--limit', '2')).stdout) as Array<{ id: string }>;
    expect(limited.map((x) => x.id)).toEqual([LINKEDIN, '20261114-093000-g7h8-shopify-checkout-upsells']);
  });

  it('says how to start when there are no sessions, and rejects a bad --limit', async () => {
    const empty = tempHome();
    try {
      const r = await runCli(['history'], { home: empty.home });
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toBe('No sessions yet. Start one with: pmcoach practice\n');
    } finally {
      empty.cleanup();
    }
    const bad = await run('history', '--limit', 'zero');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit must be a whole number');
  });
});

describe('pmcoach stats', () => {
  it('charts each criterion and names the weakest, the streak and what to retry', async () => {
    const r = await run('stats');
    expect(r.code).toBe(0);
    oneLineNoStack(r.stderr);
    const out = r.stdout;
    expect(out).toContain('Progress over the last 3 scored sessions (of 3 scored, 5 saved)');
    expect(out).toMatch(/^CRITERION\s+AVG\s+TREND\s+LAST 3$/m);
    // Experiments scored 1, 4, 2 (oldest first): average 2.3, one block per session.
    expect(out).toMatch(/^Experiments\s+2\.3\s+█+\S*\s+↑ \+1\.0\s+▁▆▃$/m);
    expect(out).toMatch(/^Overall\s+52\s+/m);
    expect(out).toContain('Weakest: Experiments (2.3 on average).');
    expect(out).toContain('Streak: none (last practice 2026-11-15); longest 2 days');
    expect(out).toMatch(/^ {2}amazon-personalization-privacy\s+56\/100\s+2026-11-13\s+weak: Experiments \(2\)$/m);
  });

  it('--json has one shape; --last narrows the window', async () => {
    const s = JSON.parse((await run('stats', '--json')).stdout);
    expect(s).toMatchObject({ schemaVersion: 1, kind: 'pmcoach.stats', sessions: { total: 5, finished: 4, scored: 3, window: 3 }, weakest: { id: 'experiments' } });
    expect(s.criteria.map((c: { id: string }) => c.id)).toEqual(['clarification', 'stakeholders', 'metrics', 'experiments', 'decision', 'communication']);
    expect(s.retry.map((x: { questionId: string }) => x.questionId)).toEqual(['amazon-personalization-privacy']);
    const last = JSON.parse((await run('stats', '--json', '--last', '1')).stdout);
    expect(last.sessions.window).toBe(1);
    expect(last.overall.series).toEqual([56]);
  });
});

describe('pmcoach export', () => {
  it('prints a markdown transcript for an id prefix, candidate text escaped', async () => {
    const r = await run('export', '20261112');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const md = r.stdout;
    expect(md.split('\n')[0]).toBe('# Ad load vs. feed engagement');
    const headings = md.split('\n').filter((l) => /^#{1,6} /.test(l.replace(/^> /, '')));
    expect(headings).toEqual(['# Ad load vs. feed engagement', '## 1. Clarifying questions', '## 2. Stakeholders', '## 3. Metrics', '## 4. Experiments', '## 5. Recommendation', '## Follow-up', '## Scores', '### Flags']);
    expect(md).toContain('> \\# Not a heading  \n> Advertisers \\| users \\| creators  \n> \\<script\\>alert("x")\\</script\\>');
    expect(md).not.toMatch(/^(> )?(```|---)/m);
    expect(md).toContain('Time: 3:20 of 3:00 · **0:20 over**');
    expect(md).toContain('**Overall: 69/100 · lean hire for a PM** · judge: gpt-4o-mini at https://api.openai.com/v1 · 3 samples');
    expect(md).toContain('**Interviewer:** What would you do if teen time spent fell 3% in the test?');
  });

  it('prints the JSON transcript with --format json or --json', async () => {
    const a = await run('export', INSTAGRAM, '--format', 'json');
    expect(a.code).toBe(0);
    const j = JSON.parse(a.stdout);
    expect(j).toMatchObject({ schemaVersion: 2, kind: 'pmcoach.transcript', id: INSTAGRAM, candidate: 'Sam', score: { overall: 69 } });
    expect(j.stages[1].text).toContain('<script>');
    expect(j.asked).toHaveLength(2);
    expect(JSON.parse((await run('--json', 'export', INSTAGRAM)).stdout)).toEqual(j);
  });

  it('writes atomically to -o (md, or json from the .json name) and says where', async () => {
    const md = join(home, 'out', 'round.md');
    const r = await run('export', INSTAGRAM, '-o', md);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Wrote ${md}\n`);
    expect(readFileSync(md, 'utf8')).toBe((await run('export', INSTAGRAM)).stdout);
    const json = join(home, 'round.json');
    expect((await run('export', INSTAGRAM, '-o', json)).code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).kind).toBe('pmcoach.transcript');
  });

  it('exports latest: the newest readable session, which says Not scored', async () => {
    const r = await run('export', 'latest');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('**Session:** ' + LINKEDIN);
    expect(r.stdout).toContain('**Not scored**');
  });

  it('fails in one line, exit 1, for an unknown id, a hand-edited file, or a folder as -o', async () => {
    const unknown = await run('export', 'nope');
    expect(unknown.code).toBe(1);
    oneLineNoStack(unknown.stderr);
    expect(unknown.stderr).toMatch(/^pmcoach: no session "nope"/);
    const edited = await run('export', '20261117');
    expect(edited.code).toBe(1);
    oneLineNoStack(edited.stderr);
    expect(edited.stderr).toContain('stages.0.text');
    const folder = await run('export', INSTAGRAM, '-o', home);
    expect(folder.code).toBe(1);
    oneLineNoStack(folder.stderr);
    expect(folder.stderr).toContain('is a folder');
    expect(existsSync(join(home, `${INSTAGRAM}.md`))).toBe(false);
  });
});

describe('writeTranscript (called at the end of practice and mock)', () => {
  it('writes <transcripts>/<id>.md privately and returns the path; a mock goes to one combined file', async () => {
    const { writeTranscript, writeMockTranscript } = await import('../../src/transcript/write.js');
    const { resolvePaths } = await import('../../src/store/paths.js');
    const paths = resolvePaths({ PMCOACH_HOME: home });
    const session = JSON.parse(readFileSync(join(FIXTURES, `${INSTAGRAM}.json`), 'utf8'));
    const path = writeTranscript(paths, session, { timeZone: 'UTC' });
    expect(path).toBe(join(home, 'transcripts', `${INSTAGRAM}.md`));
    expect(readFileSync(path, 'utf8')).toBe((await run('export', INSTAGRAM)).stdout);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const mock = writeMockTranscript(paths, 'mock-20261112', 'Loop 2', [session, session]);
    expect(readFileSync(mock, 'utf8')).toMatch(/^# Mock interview: Loop 2\n/);
    expect(() => writeTranscript(paths, { ...session, id: '../escape' })).toThrow(/cannot name a transcript file/);
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome, ROOT } from '../helpers/cli.js';
import { faults, scores, startOpenAiServer, type TestServer } from '../helpers/openai-server.js';

const CAL = join(ROOT, 'test', 'fixtures', 'calibration');
let home: string;
let cleanup: () => void;
let answers: string;

beforeEach(() => {
  ({ home, cleanup } = tempHome());
  answers = join(home, 'cohort');
  mkdirSync(answers);
  for (const tier of ['strong', 'medium', 'weak']) cpSync(join(CAL, 'amazon-personalization-privacy', `${tier}.yaml`), join(answers, `amazon-${tier}.yaml`));
  cpSync(join(CAL, 'uber-surge-pricing-cap', 'strong.yaml'), join(answers, 'uber-strong.yaml'));
});
afterEach(() => cleanup());

interface Graded {
  file: string;
  kind: string;
  candidate: string | null;
  question: { id: string };
  score: { overall: number; verdict: string; judge: { kind: string; label: string }; notes: string[]; criteria: Array<{ id: string }> };
}

describe('pmcoach grade (offline judge)', () => {
  it('scores every file and prints a summary table, strongest answer on top of the weakest', async () => {
    const r = await runCli(['grade', answers], { home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FILE\s+CANDIDATE\s+QUESTION\s+OVERALL\s+VERDICT\s+JUDGE\s+WEAKEST$/);
    const overall = (name: string) => Number(/\s(\d+)\s{2}/.exec(lines.find((l) => l.includes(name))!.replace(/^.*?privacy|^.*?cap/, ''))![1]);
    expect(overall('amazon-strong')).toBeGreaterThan(overall('amazon-medium'));
    expect(overall('amazon-medium')).toBeGreaterThan(overall('amazon-weak'));
    expect(lines.find((l) => l.includes('amazon-strong'))).toMatch(/Calibration strong\s+amazon-personalization-privacy/);
    expect(lines.at(-1)).toBe('4 graded · judge: offline estimate');
  });

  it('reports an invalid file with file:line:col, grades the others, and exits 1', async () => {
    writeFileSync(join(answers, 'broken.yaml'), 'question: amazon-personalization-privacy\nanswers:\n  metric: typo\n');
    writeFileSync(join(answers, 'unknown.json'), '{"question": "no-such-question", "answers": {}}');
    const r = await runCli(['grade', answers, '--json'], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken.yaml:3:3  answers.metric: unknown field; did you mean "metrics"?');
    expect(r.stderr).toMatch(/unknown\.json:1:14 {2}question: unknown question "no-such-question"/);
    expect(r.stderr).toMatch(/pmcoach: 2 answer files could not be graded/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const results = JSON.parse(r.stdout) as Graded[];
    expect(results.map((x) => x.file.split('/').pop())).toEqual(['amazon-medium.yaml', 'amazon-strong.yaml', 'amazon-weak.yaml', 'uber-strong.yaml']);
    for (const x of results) {
      expect(x.kind).toBe('pmcoach.transcript');
      expect(x.score.judge).toMatchObject({ kind: 'offline', label: 'offline estimate' });
      expect(x.score.criteria.map((c) => c.id)).toEqual(['clarification', 'stakeholders', 'metrics', 'experiments', 'decision', 'communication']);
    }
  });

  it('--out writes one markdown transcript per file, and a JSON one with --json', async () => {
    const out = join(home, 'out');
    const r = await runCli(['grade', answers, '--out', out, '--json'], { home });
    expect(r.code).toBe(0);
    expect(readdirSync(out).filter((f) => !f.startsWith('.')).sort()).toEqual(
      ['amazon-medium', 'amazon-strong', 'amazon-weak', 'uber-strong'].flatMap((n) => [`${n}.json`, `${n}.md`]).sort(),
    );
    const md = readFileSync(join(out, 'amazon-strong.md'), 'utf8');
    expect(md).toMatch(/^# Personalized recommendations vs\. user privacy/m);
    expect(md).toContain('offline estimate');
    const json = JSON.parse(readFileSync(join(out, 'uber-strong.json'), 'utf8')) as Graded;
    expect(json.question.id).toBe('uber-surge-pricing-cap');
  });

  it('keeps graded answers out of history unless --save', async () => {
    await runCli(['grade', answers], { home });
    expect((await runCli(['history', '--json'], { home })).stdout.trim()).toBe('[]');
    await runCli(['grade', join(answers, 'amazon-strong.yaml'), '--save'], { home });
    const history = JSON.parse((await runCli(['history', '--json'], { home })).stdout) as unknown[];
    expect(history).toHaveLength(1);
  });

  it('says what to do when there is nothing to grade', async () => {
    const empty = join(home, 'empty');
    mkdirSync(empty);
    const r = await runCli(['grade', empty], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`pmcoach: no answer files (.yaml, .yml, .json) found in ${empty}\n`);
  });
});

describe('pmcoach grade (LLM judge on a local server)', () => {
  let server: TestServer;
  beforeAll(async () => (server = await startOpenAiServer()));
  afterAll(() => server.close());

  it('scores through the server; a burst of 429s slows the batch instead of failing it', async () => {
    server.requests.length = 0;
    server.setDefault(scores({ score: 4 }));
    server.script(faults.rateLimited(0), faults.rateLimited(0), faults.rateLimited(1));
    const key = 'sk-test-secret-key-1234567890';
    const r = await runCli(['grade', answers, '--base-url', server.url, '--model', 'test-model', '--concurrency', '3', '--json'], {
      home,
      env: { OPENAI_API_KEY: key },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout) as Graded[];
    expect(results).toHaveLength(4);
    for (const x of results) {
      expect(x.score.judge.kind).toBe('llm');
      expect(x.score.judge.label).toBe(`test-model at ${server.url}`);
      expect(x.score.notes.join(' ')).not.toMatch(/scored offline/);
    }
    expect(server.chats().length).toBe(4 + 3);
    expect(r.stdout).not.toContain(key);
    for (const f of readdirSync(home, { recursive: true }) as string[]) {
      if (f.endsWith('.json') || f.endsWith('.md')) expect(readFileSync(join(home, f), 'utf8')).not.toContain(key);
    }
  });

  it('falls back to the offline judge with one clear line when the server fails every time', async () => {
    server.setDefault(faults.serverError());
    const r = await runCli(['grade', join(answers, 'amazon-strong.yaml'), '--base-url', server.url, '--model', 'test-model', '--timeout', '3'], { home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/amazon-strong\.yaml/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/could not score this .*scored offline instead/);
    server.setDefault(scores());
  });
});

describe('pmcoach mock --answers', () => {
  it('with answers from several candidates for one question, names them; --candidate picks one', async () => {
    const r = await runCli(['mock', 'test/fixtures/mock/loop.yaml', '--answers', answers], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pmcoach: .*cohort holds answers from several candidates \(Calibration (strong|medium|weak), .*\) for "amazon-personalization-privacy"; pick one with --candidate NAME\n$/);
    const none = await runCli(['mock', 'test/fixtures/mock/loop.yaml', '--answers', answers, '--candidate', 'Nobody'], { home });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no answers by "Nobody"');
  });

  it('runs the script without a terminal: one combined transcript and a summary; history only with --save', async () => {
    const r = await runCli(['mock', 'test/fixtures/mock/loop.yaml', '--answers', answers, '--candidate', 'Calibration strong'], { home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Mock interview: Amazon PM loop, round 2');
    expect(r.stdout).toMatch(/^1\s+amazon-personalization-privacy\s+\d+/m);
    // the pick (ride-hailing, hard) draws the one such question that has answers
    expect(r.stdout).toMatch(/^2\s+uber-surge-pricing-cap\s+\d+/m);
    const path = /Transcript written to (.+\.md)$/m.exec(r.stdout)![1]!;
    const md = readFileSync(path, 'utf8');
    expect(md).toMatch(/^# Mock interview: Amazon PM loop, round 2$/m);
    expect(md).toContain('Priya (probing)');
    expect(md).toMatch(/^## 1\. /m);
    expect(md).toMatch(/^## 2\. /m);
    expect(md).toContain('Calibration strong');
    const history = JSON.parse((await runCli(['history', '--json'], { home })).stdout) as unknown[];
    expect(history).toHaveLength(0);
    await runCli(['mock', 'test/fixtures/mock/loop.yaml', '--answers', answers, '--candidate', 'Calibration strong', '--save'], { home });
    expect(JSON.parse((await runCli(['history', '--json'], { home })).stdout)).toHaveLength(2);
  });

  it('applies the script framework to the drawn question (6 minutes of metrics)', async () => {
    const r = await runCli(['mock', 'test/fixtures/mock/loop.yaml', '--answers', answers, '--candidate', 'Calibration strong', '--json'], { home });
    const mock = JSON.parse(r.stdout) as { kind: string; sessions: Array<{ question: { id: string }; stages: Array<{ id: string; secondsAllotted: number }> }> };
    expect(mock.kind).toBe('pmcoach.mock');
    const uber = mock.sessions.find((s) => s.question.id === 'uber-surge-pricing-cap')!;
    expect(uber.stages.find((s) => s.id === 'metrics')!.secondsAllotted).toBe(360);
  });

  it('names the question that has no answers', async () => {
    const only = join(home, 'only');
    mkdirSync(only);
    cpSync(join(answers, 'uber-strong.yaml'), join(only, 'uber.yaml'));
    const r = await runCli(['mock', 'test/fixtures/mock/loop.yaml', '--answers', only], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pmcoach: no answers in .* for "amazon-personalization-privacy"/);
  });

  it('reports a bad script with positions', async () => {
    const script = join(home, 'bad.yaml');
    writeFileSync(script, 'title: Loop\nquestions:\n  - id: amazon-personalization-privacy\n    pick: { tag: x }\n  - idd: y\nbreak_seconds: -1\n');
    const r = await runCli(['mock', script, '--answers', answers], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:3:5 {2}questions\.0: give either id .* or pick/);
    expect(r.stderr).toMatch(/bad\.yaml:5:5 {2}questions\.1\.idd: unknown field; did you mean "id"\?/);
    expect(r.stderr).toMatch(/bad\.yaml:6:16 {2}break_seconds: must be 0 or more seconds/);
    expect(r.stderr).toMatch(/pmcoach: .*bad\.yaml is not a valid mock script \(\d problems above\)/);
  });

  it('refuses interactive-only flags with --answers (exit 2)', async () => {
    const r = await runCli(['mock', 'test/fixtures/mock/loop.yaml', '--answers', answers, '--time-scale', '0.5'], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pmcoach: --time-scale and --hard-stop are for an interactive mock; with --answers the answers are already written\n');
  });

  it('without a terminal and without --answers exits 2 and names the way to run it', async () => {
    const r = await runCli(['mock', 'test/fixtures/mock/loop.yaml'], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--answers FILE_OR_DIR/);
  });
});

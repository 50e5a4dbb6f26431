import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startCli, tempHome, waitFor, ROOT } from '../helpers/cli.js';
import { answerSent, errorBody, faults, scores, startOpenAiServer, type TestServer } from '../helpers/openai-server.js';

const CAL = join(ROOT, 'test', 'fixtures', 'calibration');
let home: string;
let cleanup: () => void;
let answers: string;
let server: TestServer;

beforeEach(async () => {
  ({ home, cleanup } = tempHome());
  answers = join(home, 'cohort');
  mkdirSync(answers);
  for (const tier of ['strong', 'medium', 'weak']) cpSync(join(CAL, 'amazon-personalization-privacy', `${tier}.yaml`), join(answers, `amazon-${tier}.yaml`));
  cpSync(join(CAL, 'uber-surge-pricing-cap', 'strong.yaml'), join(answers, 'uber-strong.yaml'));
  server = await startOpenAiServer();
  server.setDefault(scores({ score: 4 }));
});
afterEach(async () => {
  await server.close();
  cleanup();
});

const llm = () => ['--base-url', server.url, '--model', 'test-model'];

/** A folder pmcoach cannot create, even as root: its parent is a regular file. */
function unwritable(): string {
  const file = join(home, 'a-file');
  writeFileSync(file, 'not a folder\n');
  return join(file, 'out');
}

describe('grade keeps its results when writes fail', () => {
  it('an unwritable --out still prints every result, reports each failed write in one line, exits 1', async () => {
    const out = unwritable();
    const r = await runCli(['grade', answers, '--out', out, ...llm()], { home });
    expect(r.code).toBe(1);
    const rows = r.stdout.split('\n').filter((l) => l.includes('.yaml'));
    expect(rows).toHaveLength(4);
    expect(r.stdout).toMatch(/^4 graded · judge: test-model at /m);
    const failures = r.stderr.split('\n').filter((l) => l.startsWith('pmcoach: could not write'));
    expect(failures).toHaveLength(8); // the transcript and the resume record of each file
    expect(failures[0]).toMatch(/^pmcoach: could not write .*a-file\/out\/amazon-\w+\.md \(a parent is a file, not a folder\)$/);
    expect(r.stderr).toMatch(/^pmcoach: 8 writes failed \(above\); the results printed here are complete$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(server.chats()).toHaveLength(4);
  });

  it('--json prints the full JSON even when --out cannot be written', async () => {
    const r = await runCli(['grade', answers, '--out', unwritable(), '--json'], { home });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toHaveLength(4);
  });

  it('--save with an unwritable data folder prints the results and says which sessions were not kept', async () => {
    const file = join(home, 'not-a-folder');
    writeFileSync(file, '');
    const r = await runCli(['grade', join(answers, 'amazon-strong.yaml'), '--save'], { home: join(file, 'home') });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/amazon-strong\.yaml .* offline /);
    expect(r.stderr).toMatch(/^pmcoach: could not write session \S+ in .*not-a-folder\/home\/sessions \(a parent is a file, not a folder\)$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('grade stopped by a signal', () => {
  it('SIGTERM keeps what was finished in --out; the same command grades only the rest, --force all again', async () => {
    for (let i = 0; i < 4; i++) cpSync(join(CAL, 'stripe-fraud-decline-threshold', 'medium.yaml'), join(answers, `stripe-${i}.yaml`));
    const s = scores({ score: 3 });
    server.setDefault((req) => ({ ...s(req), delayMs: 400 }));
    const out = join(home, 'out');
    const run = startCli(['grade', answers, '--out', out, '--concurrency', '1', ...llm()], { home });
    await waitFor(() => existsSync(out) && readdirSync(out).filter((f) => f.endsWith('.md')).length >= 2, 15_000, 'two transcripts');
    run.child.kill('SIGTERM');
    const stopped = await run.done;
    expect(stopped.code).toBe(143);
    const done = readdirSync(out).filter((f) => f.endsWith('.md')).length;
    expect(done).toBeGreaterThanOrEqual(2);
    expect(done).toBeLessThan(8);
    expect(stopped.stderr).toMatch(new RegExp(`pmcoach: stopped \\(SIGTERM\\): ${done} of 8 files graded, written to ${out.replace(/[/.]/g, '\\$&')}; run the same command again to grade the other ${8 - done}`));
    expect(stopped.stdout.split('\n').filter((l) => l.includes('.yaml'))).toHaveLength(done);
    expect(stopped.stderr).not.toMatch(/\n\s+at /);

    server.setDefault(scores({ score: 3 }));
    const before = server.chats().length;
    const again = await runCli(['grade', answers, '--out', out, ...llm()], { home });
    expect(again.code).toBe(0);
    expect(server.chats().length - before).toBe(8 - done);
    expect(again.stderr).toContain(`${done} files already graded in ${out} (same content and judge); grading the other ${8 - done} (--force grades all again)`);
    expect(again.stdout.split('\n').filter((l) => l.includes('.yaml'))).toHaveLength(8);
    expect(again.stdout).toMatch(new RegExp(`^8 graded · judge: test-model at \\S+ · ${done} from earlier runs · transcripts in `, 'm'));

    const forced = await runCli(['grade', answers, '--out', out, '--force', ...llm()], { home });
    expect(forced.code).toBe(0);
    expect(server.chats().length - before).toBe(8 - done + 8);
  });

  it('a file changed since it was graded is graded again', async () => {
    const out = join(home, 'out');
    await runCli(['grade', answers, '--out', out], { home });
    writeFileSync(join(answers, 'amazon-weak.yaml'), readFileSync(join(answers, 'amazon-weak.yaml'), 'utf8').replace('candidate: Calibration weak', 'candidate: Changed'));
    const again = await runCli(['grade', answers, '--out', out], { home });
    expect(again.stderr).toContain('3 files already graded');
    expect(again.stdout).toMatch(/amazon-weak\.yaml\s+Changed/);
  });
});

describe('grade under rate limits', () => {
  it('a storm of 429s with retry-after is ridden out: every file scored by the LLM, none by the fallback', async () => {
    for (let i = 0; i < 26; i++) cpSync(join(CAL, 'uber-surge-pricing-cap', 'medium.yaml'), join(answers, `uber-${i}.yaml`));
    const ok = scores({ score: 4 });
    // a third of first attempts and of first retries are rate limited: up to two 429s in a row per request
    server.setDefault((req, n) => (Number(req.headers['x-stainless-retry-count'] ?? 0) < 2 && n % 3 === 0 ? faults.rateLimited(0) : ok(req)));
    const r = await runCli(['grade', answers, '--concurrency', '10', '--json', ...llm()], { home, timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    const graded = JSON.parse(r.stdout) as Array<{ score: { judge: { kind: string }; notes: string[] } }>;
    expect(graded).toHaveLength(30);
    expect(graded.every((g) => g.score.judge.kind === 'llm')).toBe(true);
    expect(r.stderr).toBe('');
    expect(server.chats().length).toBeGreaterThan(36); // 30 files and the retries after 429s
  });
});

describe('the judge column', () => {
  it('marks files the offline judge scored because the LLM failed, and counts them in the footer', async () => {
    const ok = scores({ score: 4 });
    server.setDefault((req) => (answerSent(req).includes('I would ask some questions about users') ? { status: 400, body: errorBody('content rejected') } : ok(req)));
    const r = await runCli(['grade', answers, ...llm()], { home });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.find((l) => l.includes('amazon-weak'))).toMatch(/\s{2}offline \(fallback\)\s{2}/);
    expect(lines.filter((l) => /\.yaml .*\s{2}llm\s{2}/.test(l))).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^4 graded · judge: test-model at http:\/\/127\.0\.0\.1:\d+\/v1 \(3\), offline estimate \(1: the LLM judge could not score it\)$/);
    expect(r.stderr).toMatch(/could not score this .*content rejected.*scored offline instead/);
  });
});

describe('mock --answers keeps its scores when writes fail', () => {
  it('an unwritable transcripts folder still prints the summary, one line about the transcript, exit 1', async () => {
    writeFileSync(join(home, 'transcripts'), 'a file where the folder should be\n');
    const r = await runCli(['mock', 'test/fixtures/mock/loop.yaml', '--answers', answers, '--candidate', 'Calibration strong', '--save'], { home });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Mock interview: Amazon PM loop, round 2');
    expect(r.stdout).toMatch(/^1\s+amazon-personalization-privacy\s+\d+/m);
    expect(r.stderr).toMatch(/^pmcoach: could not write the mock transcript in .*transcripts \(.+\); the summary below is complete$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse((await runCli(['history', '--json'], { home })).stdout)).toHaveLength(2);
  });
});

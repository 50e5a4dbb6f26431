import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startCli, tempHome, waitFor, ROOT } from '../helpers/cli.js';
import { answerSent, completion, criterionIds, scoresJson, startOpenAiServer, type RecordedRequest, type Reply, type TestServer } from '../helpers/openai-server.js';

const CAL = join(ROOT, 'test', 'fixtures', 'calibration');
const KEY = 'sk-test-batch-SECRET-0123456789';

let server: TestServer;
let home: string;
let cleanup: () => void;
beforeEach(async () => {
  server = await startOpenAiServer();
  server.setDefault(graderByContent);
  ({ home, cleanup } = tempHome());
});
afterEach(async () => {
  await server.close();
  cleanup();
});

/** A judge whose scores depend on the answer (its length) and that quotes it, so files get different, checked scores. */
function graderByContent(req: RecordedRequest): Reply {
  const data = JSON.parse(answerSent(req) || '{}') as { answers?: Record<string, string> };
  const texts = Object.values(data.answers ?? {}).filter((t) => t.trim() !== '');
  const quote = (texts[0] ?? '').split(/\s+/).slice(0, 4).join(' ');
  const ids = criterionIds(req);
  const length = texts.join('').length;
  const score = Object.fromEntries(ids.map((id, i) => [id, 1 + (Math.floor(length / (i + 3)) % 5)]));
  return { content: scoresJson(ids, { score, evidence: quote ? [quote] : [] }) };
}

/** `n` answer files: the calibration fixtures, each made a different candidate. */
function cohort(n: number): string {
  const dir = join(home, 'cohort');
  mkdirSync(dir, { recursive: true });
  const sources = readdirSync(CAL).flatMap((q) => ['strong', 'medium', 'weak', 'stuffed', 'empty'].map((t) => join(CAL, q, `${t}.yaml`)));
  for (let i = 0; i < n; i++) {
    const text = readFileSync(sources[i % sources.length]!, 'utf8').replace(/^candidate: .*$/m, `candidate: Student ${i}`);
    writeFileSync(join(dir, `student-${String(i).padStart(2, '0')}.yaml`), text);
  }
  return dir;
}

interface Graded {
  file: string;
  candidate: string;
  score: { overall: number; verdict: string; judge: { kind: string; label: string }; notes: string[]; samples: number; criteria: Array<{ id: string; score: number; evidence: string[]; flags: string[] }> };
}

const env = { OPENAI_API_KEY: KEY, PMCOACH_POLL_MS: '20' };
const llm = () => ['--base-url', server.url, '--model', 'test-model'];
const essence = (g: Graded) => ({ file: g.file, candidate: g.candidate, overall: g.score.overall, verdict: g.score.verdict, judge: g.score.judge, criteria: g.score.criteria.map((c) => [c.id, c.score, c.evidence, c.flags]) });
const batchCreates = () => server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batches');

describe('grade --batch (the OpenAI Batch API on the local server)', () => {
  it('grades 50 files through one batch with the same scores as the synchronous path', async () => {
    const dir = cohort(50);
    const sync = await runCli(['grade', dir, ...llm(), '--json'], { home, env });
    expect(sync.code).toBe(0);
    const syncChats = server.chats().length;
    expect(syncChats).toBe(40); // 10 of the 50 are empty answers: the minimum without a request

    const out = join(home, 'out');
    const r = await runCli(['grade', dir, ...llm(), '--batch', '--json', '--out', out], { home, env });
    expect(r.code).toBe(0);
    expect(server.chats().length).toBe(syncChats); // nothing synchronous
    expect(batchCreates()).toHaveLength(1);
    const upload = server.requests.find((q) => q.path === '/v1/files')!;
    expect(String(upload.headers['content-type'])).toMatch(/^multipart\/form-data/);
    const input = [...server.files.values()].find((f) => f.purpose === 'batch')!;
    const lines = input.content.trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; method: string; url: string; body: { model: string; response_format?: unknown } });
    expect(lines).toHaveLength(40);
    expect(lines[0]).toMatchObject({ method: 'POST', url: '/v1/chat/completions', body: { model: 'test-model' } });
    expect(lines[0]!.body.response_format).toBeDefined();
    expect(new Set(lines.map((l) => l.custom_id)).size).toBe(40);
    expect(lines.map((l) => l.custom_id)).toContain(lines.find((l) => l.custom_id.endsWith('-s1-student-03'))!.custom_id);

    const batch = JSON.parse(r.stdout) as Graded[];
    const plain = JSON.parse(sync.stdout) as Graded[];
    expect(batch.map(essence)).toEqual(plain.map(essence));
    expect(new Set(batch.map((g) => g.score.overall)).size).toBeGreaterThan(3);
    expect(r.stderr).toMatch(/^Submitted 1 batch \(40 requests\) to http:\/\/127\.0\.0\.1:\d+\/v1: batch_\d+\./m);
    expect(r.stderr).toMatch(/in_progress · 20\/40 requests done/);
    expect(r.stderr).toMatch(/completed · 40\/40 requests done/);
    expect(readdirSync(out).filter((f) => f.endsWith('.md'))).toHaveLength(50);
    for (const f of [...readdirSync(home, { recursive: true })] as string[]) if (/\.(json|jsonl|md)$/.test(f)) expect(readFileSync(join(home, f), 'utf8')).not.toContain(KEY);
  });

  it('retries error, expired, malformed and missing lines synchronously, and prints the same table as without --batch', async () => {
    const dir = cohort(8);
    const faults: Record<string, 'error' | 'expired' | 'malformed' | 'missing'> = { '00': 'error', '01': 'expired', '02': 'malformed', '03': 'missing' };
    server.batchLineFault = (id) => faults[/student-(\d\d)$/.exec(id)?.[1] ?? ''];
    const r = await runCli(['grade', dir, ...llm(), '--batch'], { home, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/4 batch requests need another try \((?=.*1 error lines)(?=.*1 expired)(?=.*1 invalid replies)(?=.*1 without a result).*\); asking again synchronously\./);
    expect(server.chats().map((c) => JSON.parse(answerSent(c)).answers.clarifying as string)).toHaveLength(4);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FILE\s+CANDIDATE\s+QUESTION\s+OVERALL\s+VERDICT\s+JUDGE\s+WEAKEST$/);
    expect(lines.filter((l) => /student-\d\d\.yaml .* llm /.test(l))).toHaveLength(8);
    expect(lines.at(-1)).toMatch(/^8 graded · judge: test-model at http:\/\/127\.0\.0\.1:\d+\/v1 · batch: 7 requests, 4 retried$/);
  });

  it('with --samples, one request per sample, combined as the synchronous judge does (median, spread)', async () => {
    const dir = cohort(1);
    server.setDefault((req, n) => ({ content: scoresJson(criterionIds(req), { score: [2, 3, 5][n % 3]!, evidence: [] }) }));
    const r = await runCli(['grade', dir, ...llm(), '--batch', '--samples', '3', '--json'], { home, env });
    expect(r.code).toBe(0);
    const [g] = JSON.parse(r.stdout) as Array<Graded & { score: { criteria: Array<{ spread?: number[] }> } }>;
    expect(g!.score.samples).toBe(3);
    expect(g!.score.criteria.every((c) => c.score === 3)).toBe(true);
    expect(g!.score.criteria[0]!.spread).toEqual([2, 5]);
    expect(g!.score.criteria[0]!.flags).toContain('samples disagree: scores spread 2-5');
    expect([...server.files.values()].find((f) => f.purpose === 'batch')!.content.trim().split('\n').map((l) => (JSON.parse(l) as { custom_id: string }).custom_id.replace(/^[0-9a-f]+-/, ''))).toEqual(['s1-student-00', 's2-student-00', 's3-student-00']);
  });

  it('--no-retry lists the failed requests in a retry file in the batch format, grades the rest, exits 1', async () => {
    const dir = cohort(4);
    server.batchLineFault = (id) => (id.endsWith('student-01') ? 'expired' : undefined);
    const r = await runCli(['grade', dir, ...llm(), '--batch', '--no-retry', '--json'], { home, env });
    expect(r.code).toBe(1);
    expect(server.chats()).toHaveLength(0);
    const graded = JSON.parse(r.stdout) as Graded[];
    expect(graded.map((g) => g.candidate)).toEqual(['Student 0', 'Student 2', 'Student 3']);
    const retry = /the requests are in (\S+retry\.jsonl)/.exec(r.stderr)![1]!;
    const lines = readFileSync(retry, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; url: string });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.custom_id).toMatch(/-s1-student-01$/);
    expect(r.stderr).toMatch(/pmcoach: 1 file not graded: its batch requests failed and --no-retry was given/);
  });

  it('an interrupted wait leaves the batch running, and the same command picks it up without a second batch', async () => {
    const dir = cohort(6);
    server.batchSteps = ['validating', 'in_progress'];
    const first = startCli(['grade', dir, ...llm(), '--batch'], { home, env });
    await waitFor(() => first.stderr().includes('in_progress'), 10_000, 'the first poll');
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/pmcoach: interrupted; the batch keeps running on the server \(batch_\d+\)\. Run the same command again to pick up its results without a new batch/);
    expect(stopped.stderr).not.toMatch(/\n\s+at /);

    const list = await runCli(['batches', '--json'], { home, env });
    const listed = JSON.parse(list.stdout) as Array<{ id: string; status: string; counts: { total: number } }>;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ status: 'in_progress', counts: { total: 5 } }); // the empty answer needs no request

    server.batchSteps = ['validating', 'in_progress', 'completed'];
    const again = await runCli(['grade', dir, ...llm(), '--batch', '--json'], { home, env });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^Picking up batch_\d+, submitted \d+ s ago for these files and settings \(no new batch; --force submits a new one\)\./m);
    expect(batchCreates()).toHaveLength(1);
    expect(JSON.parse(again.stdout)).toHaveLength(6);
    const table = await runCli(['batches'], { home, env });
    expect(table.stdout).toMatch(/^BATCH\s+STATUS\s+REQUESTS\s+DONE\s+FAILED\s+AGE\s+GRADED\s+WHAT$/m);
    expect(table.stdout).toMatch(/batch_\d+\s+completed\s+5\s+5\s+0\s+\d+ s\s+yes\s+6 files, test-model/);
  });

  it('pmcoach batches cancel stops a running batch; a re-run grades its requests synchronously', async () => {
    const dir = cohort(3);
    server.batchSteps = ['validating', 'in_progress'];
    const first = startCli(['grade', dir, ...llm(), '--batch'], { home, env });
    await waitFor(() => first.stderr().includes('in_progress'), 10_000, 'the first poll');
    first.child.kill('SIGTERM');
    expect((await first.done).code).toBe(143);
    const id = [...server.batches.keys()][0]!;
    const c = await runCli(['batches', 'cancel', id], { home, env });
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(new RegExp(`^Batch ${id}: cancelling\\.`));
    expect((await runCli(['batches', 'cancel', 'batch_nope'], { home, env })).stderr).toMatch(/^pmcoach: no batch "batch_nope" in .*; run pmcoach batches to see them\n$/);
    const again = await runCli(['grade', dir, ...llm(), '--batch'], { home, env });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/ended cancelled/);
    expect(server.chats()).toHaveLength(3);
  });

  it('says so in one line when the server has no Batch API, or no key is set for OpenAI', async () => {
    const dir = cohort(2);
    const none = await startOpenAiServer();
    try {
      const url = none.url.replace('/v1', '/nobatch/v1');
      const r = await runCli(['grade', dir, '--base-url', url, '--model', 'm', '--batch'], { home, env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^pmcoach: http:\/\/127\.0\.0\.1:\d+\/nobatch\/v1 has no Batch API \(404 on \/files or \/batches\); for vLLM write the requests with --batch-file/m);
    } finally {
      await none.close();
    }
    const k = await runCli(['grade', dir, '--model', 'gpt-4o-mini', '--batch'], { home, env: { PMCOACH_POLL_MS: '20' } });
    expect(k.code).toBe(1);
    expect(k.stderr).toBe('pmcoach: no API key for https://api.openai.com/v1: export OPENAI_API_KEY=..., or use --base-url for a local server such as Ollama\n');
    const u = await runCli(['grade', dir, '--batch', '--judge', 'offline'], { home, env });
    expect(u.code).toBe(2);
    expect(u.stderr).toBe('pmcoach: --batch sends requests to an LLM; it cannot be used with --judge offline\n');
  });
});

describe('grade --batch-file and --batch-results (an offline runner such as vllm run-batch)', () => {
  /** What `vllm run-batch` does: one output line per request, in its own order. */
  function runBatchLikeVllm(requests: string, results: string, server: TestServer): void {
    const out = readFileSync(requests, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { custom_id: string; body: unknown })
      .map((line, n) => {
        const reply = graderByContent({ method: 'POST', path: '/v1/chat/completions', headers: {}, body: line.body, at: 0 });
        void server;
        return JSON.stringify({ id: `vllm-${n}`, custom_id: line.custom_id, response: { status_code: 200, request_id: `vllm-batch-${n}`, body: completion(reply.content!) }, error: null });
      })
      .reverse();
    writeFileSync(results, out.join('\n') + '\n');
  }

  it('round-trips: the requests file, run elsewhere, grades to the same scores as the synchronous path', async () => {
    const dir = cohort(12);
    const requests = join(home, 'requests.jsonl');
    const w = await runCli(['grade', dir, '--batch-file', requests, '--model', 'test-model'], { home, env });
    expect(w.code).toBe(0);
    expect(w.stdout).toMatch(/^Wrote 10 requests for 12 answer files, model test-model:$/m);
    expect(w.stdout).toMatch(/^About [\d,]+ input tokens \(an estimate: characters \/ 4\)\.$/m);
    expect(w.stderr).toContain(`vllm run-batch -i ${requests} -o results.jsonl --model test-model`);
    expect(server.requests).toHaveLength(0);
    const results = join(home, 'results.jsonl');
    runBatchLikeVllm(requests, results, server);

    const r = await runCli(['grade', dir, '--batch-results', results, ...llm(), '--json'], { home, env });
    expect(r.code).toBe(0);
    expect(server.chats()).toHaveLength(0);
    const sync = await runCli(['grade', dir, ...llm(), '--json'], { home, env });
    expect((JSON.parse(r.stdout) as Graded[]).map(essence)).toEqual((JSON.parse(sync.stdout) as Graded[]).map(essence));
  });

  it('needs no server and no key when every request has a reply in the results file', async () => {
    const dir = cohort(5);
    const requests = join(home, 'requests.jsonl');
    await runCli(['grade', dir, '--batch-file', requests, '--model', 'test-model'], { home, env });
    const results = join(home, 'results.jsonl');
    runBatchLikeVllm(requests, results, server);
    const r = await runCli(['grade', dir, '--batch-results', results, '--model', 'test-model', '--json'], { home, env: { PMCOACH_POLL_MS: '20' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const graded = JSON.parse(r.stdout) as Graded[];
    expect(graded.map((g) => g.score.judge)).toEqual(Array(5).fill({ kind: 'llm', label: 'test-model (from the batch results)', model: 'test-model' }));
    expect(graded.map((g) => g.score.notes.join(' '))).not.toContainEqual(expect.stringMatching(/scored offline/));
  });

  it('a results file from other answer files is ignored with a note, and its requests asked synchronously', async () => {
    const dir = cohort(2);
    const results = join(home, 'results.jsonl');
    writeFileSync(results, JSON.stringify({ custom_id: '0123456789abcdef-s1-someone', response: { status_code: 200, body: completion('{}') }, error: null }) + '\n');
    const r = await runCli(['grade', dir, '--batch-results', results, ...llm()], { home, env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/1 result line did not match these answer files .* and was ignored\./);
    expect(server.chats()).toHaveLength(2);
    const missing = await runCli(['grade', dir, '--batch-results', join(home, 'nope.jsonl'), ...llm()], { home, env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^pmcoach: no results file .*nope\.jsonl; give the file vllm run-batch -o wrote\n$/m);
  });

  it('--dry-run prints the requests, batches, model and a token estimate, and sends nothing', async () => {
    const dir = cohort(5);
    const r = await runCli(['grade', dir, ...llm(), '--batch', '--dry-run', '--samples', '3'], { home, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Would send 12 requests for 5 answer files to http:\/\/127\.0\.0\.1:\d+\/v1, model test-model \(3 samples each\):$/m);
    expect(r.stdout).toMatch(/^ {2}batch 1: 12 requests, [\d.]+ MB$/m);
    expect(r.stdout).toMatch(/^About [\d,]+ input tokens \(an estimate: characters \/ 4\)\.$/m);
    expect(r.stdout).toMatch(/^1 near-empty answer needs no request/m);
    const j = await runCli(['grade', dir, ...llm(), '--batch', '--dry-run', '--json'], { home, env });
    expect(JSON.parse(j.stdout)).toMatchObject({ dryRun: true, model: 'test-model', files: 5, samples: 1, requests: 4, batches: [{ requests: 4 }], inputTokens: { method: 'characters / 4' } });
    expect(server.requests).toHaveLength(0);
    expect(existsSync(join(home, 'batches'))).toBe(false);
  });
});

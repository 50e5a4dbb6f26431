import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBank, type Bank } from '../../src/questions/load.js';
import { rubricFor } from '../../src/scoring/rubric.js';
import { scoreInputFromSession } from '../../src/session/score-input.js';
import type { ScoreInput } from '../../src/scoring/types.js';
import { runLlmJudge, replyFromCompletion } from '../../src/scoring/llm/judge.js';
import { customId, fileKey, needsModel, parseCustomId, requestLine } from '../../src/batch/requests.js';
import { JsonlParts, partPath, readLines } from '../../src/batch/jsonl.js';
import { joinResults, parseResultLine } from '../../src/batch/join.js';
import { journalKey } from '../../src/batch/journal.js';
import { downloadResults, nextDelay, pollUntilDone, progressLine, submitParts } from '../../src/batch/run.js';
import { openAiBatchApi } from '../../src/batch/api.js';
import { readJournal, type Journal } from '../../src/batch/journal.js';
import { completion, scoresJson, serverTestbed } from '../helpers/openai-server.js';
import { calibrationAnswers, sessionFrom } from '../helpers/scoring-session.js';

const QID = 'amazon-personalization-privacy';
const IDS = ['clarification', 'stakeholders', 'metrics', 'experiments', 'decision', 'communication'];
let bank: Bank;
let input: ScoreInput;

beforeAll(async () => {
  bank = await loadBank({});
  const q = bank.questions.find((x) => x.id === QID)!;
  input = scoreInputFromSession(sessionFrom(q, calibrationAnswers(QID, 'medium')), rubricFor(q, bank.rubrics));
});

const bed = serverTestbed();

describe('batch requests', () => {
  it('are the exact body the synchronous judge sends: same messages, JSON schema and parameters', async () => {
    const nonce = () => 'feedc0ffee';
    const outcome = await runLlmJudge(input, { model: 'test-model', baseUrl: bed.server.url, timeoutSeconds: 5, samples: 1, temperature: 0.3, nonce });
    expect(outcome.ok).toBe(true);
    const sent = bed.server.chats()[0]!.body;
    const line = requestLine(input, { model: 'test-model', baseUrl: bed.server.url }, { temperature: 0.3, maxTokens: 1500, structured: true, tokenParam: 'max_tokens', nonce }, 'x');
    expect(line.body).toEqual(sent);
    expect(line).toMatchObject({ custom_id: 'x', method: 'POST', url: '/v1/chat/completions' });
    expect((line.body.response_format as { json_schema: { schema: { properties: { criteria: { required: string[] } } } } }).json_schema.schema.properties.criteria.required).toEqual(IDS);
  });

  it('follow what the server was found to support (no structured output, max_completion_tokens)', () => {
    const line = requestLine(input, { model: 'm', baseUrl: 'http://x/v1' }, { temperature: 0, maxTokens: 1500, structured: false, tokenParam: 'max_completion_tokens' }, 'x');
    expect(line.body.response_format).toBeUndefined();
    expect(line.body.max_completion_tokens).toBe(1500);
    expect(line.body.max_tokens).toBeUndefined();
    expect(JSON.stringify(line.body.messages)).toContain('Reply with only a JSON object');
  });

  it('name the file, its content and the sample in custom_id, and read it back', () => {
    const key = fileKey('cohort/sam lee.yaml', { a: 1 });
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(fileKey('other/sam lee.yaml', { a: 1 })).toBe(key);
    expect(fileKey('cohort/sam lee.yaml', { a: 2 })).not.toBe(key);
    const id = customId(key, 3, 'cohort/sam lee.yaml');
    expect(id).toBe(`${key}-s3-sam-lee`);
    expect(customId(key, 1, `${'x'.repeat(200)}.yaml`).length).toBeLessThanOrEqual(64);
    expect(parseCustomId(id)).toEqual({ key, sample: 3 });
    expect(parseCustomId('request-1')).toBeUndefined();
    expect(parseCustomId(42)).toBeUndefined();
  });

  it('are not made for a near-empty answer (it gets the minimum without asking)', () => {
    expect(needsModel(input)).toBe(true);
    expect(needsModel({ ...input, answers: input.answers.map((a) => ({ ...a, text: '' })), asked: [] })).toBe(false);
  });

  it('a run is the same run for the same requests in any order, a new one for other settings', () => {
    const o = { baseUrl: 'http://x/v1', model: 'm', samples: 1, temperature: 0 };
    expect(journalKey(o, ['b', 'a'])).toBe(journalKey(o, ['a', 'b']));
    expect(journalKey({ ...o, model: 'n' }, ['a', 'b'])).not.toBe(journalKey(o, ['a', 'b']));
    expect(journalKey(o, ['a'])).not.toBe(journalKey(o, ['a', 'b']));
  });
});

describe('JSONL parts', () => {
  it('split at the request and byte limits, every line whole, and are read back line by line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pmcoach-jsonl-'));
    try {
      const w = new JsonlParts(join(dir, 'requests.jsonl'), { maxRequests: 3, maxBytes: 100 });
      for (let i = 0; i < 7; i++) w.write({ custom_id: `r${i}`, pad: 'x'.repeat(i < 5 ? 1 : 30) });
      const parts = w.close();
      expect(parts.map((p) => p.requests)).toEqual([3, 2, 1, 1]);
      expect(parts.map((p) => p.path)).toEqual(['requests.jsonl', 'requests-2.jsonl', 'requests-3.jsonl', 'requests-4.jsonl'].map((f) => join(dir, f)));
      for (const p of parts) expect(p.bytes).toBeLessThanOrEqual(100);
      expect(readdirSync(dir).sort()).toEqual(['requests-2.jsonl', 'requests-3.jsonl', 'requests-4.jsonl', 'requests.jsonl']);
      const ids: string[] = [];
      for (const p of parts) for await (const line of readLines(p.path)) ids.push((JSON.parse(line) as { custom_id: string }).custom_id);
      expect(ids).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
      expect(partPath('/a/b.jsonl', 0)).toBe('/a/b.jsonl');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('only count with no file (--dry-run) and refuse one request above the byte limit', () => {
    const w = new JsonlParts(null, { maxRequests: 2, maxBytes: 100 });
    for (let i = 0; i < 5; i++) w.write({ i });
    expect(w.close().map((p) => p.requests)).toEqual([2, 2, 1]);
    expect(() => new JsonlParts(null, { maxRequests: 2, maxBytes: 10 }).write({ long: 'x'.repeat(20) })).toThrow(/above the 10-byte limit/);
  });
});

describe('joining results', () => {
  const key = 'aaaaaaaaaaaaaaaa';
  const other = 'bbbbbbbbbbbbbbbb';
  const ok = (id: string, content = scoresJson(IDS, { score: 4 })) => JSON.stringify({ id: 'b1', custom_id: id, response: { status_code: 200, request_id: 'r', body: completion(content) }, error: null });

  it('reads success, failed-request and expired lines as OpenAI and vllm run-batch write them', () => {
    expect(parseResultLine(ok('x'))).toMatchObject({ customId: 'x', completion: { object: 'chat.completion' } });
    expect(parseResultLine(JSON.stringify({ custom_id: 'x', response: { status_code: 400, body: { error: { message: 'bad model' } } }, error: null }))).toEqual({ customId: 'x', error: 'status 400: bad model', expired: false });
    expect(parseResultLine(JSON.stringify({ custom_id: 'x', response: null, error: { code: 'batch_expired', message: 'too late' } }))).toEqual({ customId: 'x', error: 'batch_expired: too late', expired: true });
    expect(parseResultLine(JSON.stringify({ id: 'b', custom_id: 'x', response: completion('{}') }))).toMatchObject({ customId: 'x', completion: { object: 'chat.completion' } });
    expect(parseResultLine('{"custom_id": ')).toEqual({ malformed: 'not JSON' });
    expect(parseResultLine('{"id": 1}')).toEqual({ malformed: 'no custom_id' });
  });

  it('joins by custom_id in any order, validating each reply as the synchronous judge does', async () => {
    const lines = [
      ok(`${key}-s2-sam`, scoresJson(IDS, { score: 2 })),
      JSON.stringify({ custom_id: `${key}-s3-sam`, response: null, error: { code: 'batch_expired', message: 'expired' } }),
      ok(`${other}-s1-jo`, '{"criteria": {"clarification": {"score": 4, "evidence": ['),
      ok(`${key}-s1-sam`, scoresJson(IDS, { score: 5 })),
      ok('cccccccccccccccc-s1-zed'),
      'not json',
      ok(`${key}-s1-sam`, scoresJson(IDS, { score: 1 })),
    ];
    const joined = await joinResults(lines, (k) => k === key || k === other, (_k, c) => replyFromCompletion(c, input.rubric));
    const sam = joined.replies.get(key)!;
    expect([...sam.keys()].sort()).toEqual([1, 2]);
    expect(sam.get(1)!.criteria.metrics!.score).toBe(5);
    expect(sam.get(2)!.criteria.metrics!.score).toBe(2);
    expect(joined.failures.get(key)!.get(3)).toEqual({ kind: 'expired', reason: 'batch_expired: expired' });
    expect(joined.failures.get(other)!.get(1)!.kind).toBe('invalid');
    expect(joined.unknown).toBe(1);
    expect(joined.malformed).toBe(1);
  });

  it('a cut-off, refused or empty reply is invalid with a reason', () => {
    expect(replyFromCompletion(completion('{"criteria"', 'length'), input.rubric)).toEqual({ ok: false, reason: 'the reply was cut off at max_tokens' });
    expect(replyFromCompletion({ choices: [] }, input.rubric)).toEqual({ ok: false, reason: 'the reply had no choices' });
    const refused = { choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: '', refusal: 'I cannot grade this' } }] };
    expect(replyFromCompletion(refused, input.rubric)).toEqual({ ok: false, reason: 'the model refused: I cannot grade this' });
  });
});

describe('polling', () => {
  it('backs off by half each time up to a minute', () => {
    const delays = [5000];
    for (let i = 0; i < 10; i++) delays.push(nextDelay(delays.at(-1)!));
    expect(delays.slice(0, 4)).toEqual([5000, 7500, 11250, 16875]);
    expect(delays.at(-1)).toBe(60_000);
  });

  it('says the status and request counts in one line', () => {
    const j = { batches: [{ id: 'batch_1', inputFileId: 'f', requests: 10, status: 'in_progress', counts: { total: 10, completed: 4, failed: 1 } }] };
    expect(progressLine(j as never, 7500)).toBe('batch batch_1: in_progress · 4/10 requests done, 1 failed · next check in 8 s');
  });
});

describe('a cohort past the limits', () => {
  it('becomes several batches, each journaled before any poll, joined back together', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pmcoach-parts-'));
    try {
      const keys = Array.from({ length: 7 }, (_, i) => fileKey(`f${i}.yaml`, { i }));
      const w = new JsonlParts(join(dir, 'requests.jsonl'), { maxRequests: 3, maxBytes: 1 << 30 });
      keys.forEach((k, i) => w.write(requestLine(input, { model: 'test-model', baseUrl: bed.server.url }, { temperature: 0, maxTokens: 1500, structured: true, tokenParam: 'max_tokens' }, customId(k, 1, `f${i}.yaml`))));
      const parts = w.close();
      expect(parts.map((p) => p.requests)).toEqual([3, 3, 1]);
      const api = openAiBatchApi({ baseUrl: bed.server.url, timeoutSeconds: 5 });
      const home = bed.home.home;
      const journal: Journal = { schemaVersion: 1, key: 'k'.repeat(20), createdAt: new Date().toISOString(), updatedAt: '', model: 'test-model', baseUrl: bed.server.url, files: 7, requests: 7, sample: [], parts: parts.length, batches: [] };
      let polledBeforeAllJournaled = false;
      const retrieve = api.retrieve.bind(api);
      api.retrieve = async (id) => {
        if ((readJournal(home, journal.key)?.batches.length ?? 0) < 3) polledBeforeAllJournaled = true;
        return retrieve(id);
      };
      await submitParts(parts, journal, { api, home });
      expect(readJournal(home, journal.key)!.batches.map((b) => b.requests)).toEqual([3, 3, 1]);
      expect(bed.server.batchCalls().filter((r) => r.method === 'POST' && r.path === '/v1/batches')).toHaveLength(3);
      await pollUntilDone(journal, { api, home }, { firstDelayMs: 1, sleep: async () => {}, onProgress: () => {} });
      expect(polledBeforeAllJournaled).toBe(false);
      expect(journal.batches.every((b) => b.status === 'completed')).toBe(true);
      const files = await downloadResults(journal, api, dir);
      expect(files).toHaveLength(3);
      const joined = await joinResults((async function* () {
        for (const f of files) yield* readLines(f);
      })(), (k) => keys.includes(k), (_k, c) => replyFromCompletion(c, input.rubric));
      expect([...joined.replies.keys()].sort()).toEqual([...keys].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

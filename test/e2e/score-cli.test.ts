import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadBank } from '../../src/questions/load.js';
import type { Question } from '../../src/questions/schema.js';
import { saveSession } from '../../src/session/files.js';
import { resolvePaths } from '../../src/store/paths.js';
import type { SessionRecord } from '../../src/session/types.js';
import { runCli } from '../helpers/cli.js';
import { faults, scores, serverTestbed } from '../helpers/openai-server.js';
import { calibrationAnswers, filesUnder, sessionFrom } from '../helpers/scoring-session.js';
import { spawnPmcoach } from '../helpers/pty.js';

const KEY = 'sk-e2e-SECRET-abcdefghijklmnop9876';
const QID = 'amazon-personalization-privacy';
const QUOTE = 'Shoppers who want relevant recommendations';

let question: Question;
const bed = serverTestbed();

beforeAll(async () => {
  question = (await loadBank({})).questions.find((q) => q.id === QID)!;
});

function prepare(): SessionRecord {
  const s = sessionFrom(question, calibrationAnswers(QID, 'medium'), { overtime: { experiments: 65 } });
  saveSession(resolvePaths({ PMCOACH_HOME: bed.home.home }), s);
  return s;
}
const sessionFile = (s: SessionRecord): SessionRecord => JSON.parse(readFileSync(join(bed.home.home, 'sessions', `${s.id}.json`), 'utf8'));
const llm = (): string[] => ['--base-url', bed.server.url, '--model', 'test-model'];
function expectNoKey(...outputs: string[]): void {
  for (const o of outputs) expect(o).not.toContain(KEY);
  for (const f of filesUnder(bed.home.home)) expect(f.text, f.path).not.toContain(KEY);
}

describe('pmcoach score', () => {
  it('re-scores the latest session offline by default, prints the display and saves the score', async () => {
    const s = prepare();
    const r = await runCli(['score', 'latest'], { home: bed.home.home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Score \d+\/100 {2}(lean hire|hire|no hire) for a PM\s+judge: offline estimate/);
    expect(r.stdout).toMatch(/Experiments\s+3:05\s+2:00\s+\+1:05/);
    expect(r.stdout).toContain('Covered: ');
    expect(r.stderr).toContain(`Score saved to ${join(bed.home.home, 'sessions', `${s.id}.json`)}`);
    const saved = sessionFile(s);
    expect(saved.score!.judge.label).toBe('offline estimate');
    expect(saved.stages.map((x) => x.text)).toEqual(s.stages.map((x) => x.text));
  });

  it('scores with the LLM judge on a server, prints --json the ScoreResult, and keeps the key out of every file', async () => {
    const s = prepare();
    bed.server.setDefault(scores({ score: 4, evidence: [QUOTE] }));
    const r = await runCli(['score', s.id, ...llm(), '--json'], { home: bed.home.home, env: { OPENAI_API_KEY: KEY } });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ rubricId: 'trade-off', overall: 75, verdict: 'hire', judge: { kind: 'llm', label: `test-model at ${bed.server.url}` }, samples: 1 });
    expect(sessionFile(s).score).toEqual(out);
    expect(bed.server.chats()[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expectNoKey(r.stdout, r.stderr);
  });

  it('falls back to the offline judge after the deadline when the server hangs, in one clear line', async () => {
    const s = prepare();
    bed.server.setDefault(faults.hang());
    const r = await runCli(['score', 'latest', ...llm(), '--timeout', '1'], { home: bed.home.home, env: { OPENAI_API_KEY: KEY } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`! The LLM judge could not score this (no reply from ${bed.server.url} within 1 s); scored offline instead.`);
    expect(r.stdout).toContain('judge: offline estimate');
    expect(sessionFile(s).score!.judge.kind).toBe('offline');
    expectNoKey(r.stdout, r.stderr);
  });

  it('says what to do for an unknown session, without a stack trace', async () => {
    const r = await runCli(['score', 'nope'], { home: bed.home.home });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('pmcoach: no session "nope"; run pmcoach sessions to see them\n');
  });

  it('rejects bad flag values as usage errors', async () => {
    prepare();
    const r = await runCli(['score', 'latest', '--samples', '0'], { home: bed.home.home });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--samples must be a whole number from 1 to 9');
  });
});

describe('pmcoach score on a terminal', () => {
  it('shows a spinner on stderr while the LLM works, then clears it and prints the score', async () => {
    prepare();
    bed.server.setDefault((req) => ({ ...scores({ score: 4, evidence: [QUOTE] })(req), delayMs: 700 }));
    const run = spawnPmcoach(['score', 'latest', ...llm()], { home: bed.home.home });
    await run.waitFor(`Scoring with test-model at ${bed.server.url}…`);
    expect((await run.exited).exitCode).toBe(0);
    expect(run.raw()).toContain('\r\u001b[K');
    expect(run.screen()).toContain('Score 75/100');
  });
});

describe('pmcoach config', () => {
  it('sets, gets and unsets values in a 0600 file; the environment wins over it', async () => {
    expect((await runCli(['config', 'set', 'model', 'llama3.1'], { home: bed.home.home })).stdout).toContain('model = llama3.1');
    await runCli(['config', 'set', 'base-url', 'http://localhost:11434/v1'], { home: bed.home.home });
    const path = join(bed.home.home, 'config.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ model: 'llama3.1', baseUrl: 'http://localhost:11434/v1' });
    expect((await runCli(['config', 'get', 'model'], { home: bed.home.home })).stdout).toBe('llama3.1\n');
    const env = await runCli(['config', 'get', 'model'], { home: bed.home.home, env: { PMCOACH_MODEL: 'from-env' } });
    expect(env.stdout).toBe('from-env\n');
    const all = await runCli(['config', 'get'], { home: bed.home.home, env: { OPENAI_API_KEY: KEY } });
    expect(all.stdout).toMatch(/model\s+llama3\.1\s+\(config file\)/);
    expect(all.stdout).toMatch(/judge\s+offline\s+\(default\)/);
    expect(all.stdout).toMatch(/apiKey\s+sk-…9876\s+\(environment\)/);
    expectNoKey(all.stdout, all.stderr);
    await runCli(['config', 'unset', 'model'], { home: bed.home.home });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ baseUrl: 'http://localhost:11434/v1' });
    expect((await runCli(['config', 'path'], { home: bed.home.home })).stdout).toBe(`${path}\n`);
  });

  it('refuses to store an API key, and rejects bad values with the rule', async () => {
    const key = await runCli(['config', 'set', 'apiKey', KEY], { home: bed.home.home });
    expect(key.code).toBe(1);
    expect(key.stderr).toContain('pmcoach does not store API keys in files; set OPENAI_API_KEY');
    expectNoKey(key.stdout, key.stderr);
    const bad = await runCli(['config', 'set', 'samples', '12'], { home: bed.home.home });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('pmcoach: samples must be a whole number from 1 to 9 (times to score, median per criterion (1-9, default 1))\n');
  });

  it('prints every setting as JSON with its source, the key masked', async () => {
    const r = await runCli(['config', 'get', '--json'], { home: bed.home.home, env: { OPENAI_API_KEY: KEY, PMCOACH_SAMPLES: '3' } });
    const out = JSON.parse(r.stdout);
    expect(out.values.samples).toEqual({ value: 3, source: 'env' });
    expect(out.values.apiKey).toEqual({ value: 'sk-…9876', source: 'env' });
  });
});

describe('pmcoach doctor', () => {
  it('passes for the offline judge', async () => {
    const r = await runCli(['doctor'], { home: bed.home.home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok\s+judge\s+offline estimate/);
  });

  it('checks the server, the model, json_schema support and a real scoring reply, and remembers the answer', async () => {
    bed.server.setDefault(scores());
    const r = await runCli(['doctor', ...llm()], { home: bed.home.home, env: { OPENAI_API_KEY: KEY } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok\s+server\s+http:\/\/127\.0\.0\.1:\d+\/v1 answers \(1 model listed, \d+\.\d s\)/);
    expect(r.stdout).toMatch(/ok\s+model\s+test-model is available/);
    expect(r.stdout).toMatch(/ok\s+structured output\s+json_schema supported/);
    expect(r.stdout).toMatch(/ok\s+rubric reply\s+a scoring reply validates against the "trade-off" rubric/);
    expect(bed.server.chats()[0]!.body.response_format.json_schema.name).toBe('rubric_scores');
    expect(bed.server.chats()[0]!.body.temperature).toBe(0);
    expectNoKey(r.stdout, r.stderr);
  });

  it('warns (exit 0) when json_schema is not supported', async () => {
    bed.server.script(faults.rejectsJsonSchema());
    bed.server.setDefault(scores());
    const r = await runCli(['doctor', ...llm()], { home: bed.home.home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warn\s+structured output\s+json_schema not supported/);
    const memory = JSON.parse(readFileSync(join(bed.home.home, 'cache', 'llm-capabilities.json'), 'utf8'));
    expect(memory[`${bed.server.url} test-model`].jsonSchema).toBe(false);
  });

  it('switches to max_completion_tokens for a model that refuses max_tokens, and remembers it', async () => {
    bed.server.script(faults.rejectsMaxTokens());
    bed.server.setDefault(scores());
    const r = await runCli(['doctor', ...llm()], { home: bed.home.home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok\s+structured output\s+json_schema supported/);
    const [first, second] = bed.server.chats();
    expect(first!.body.max_tokens).toBe(1500);
    expect(second!.body.max_completion_tokens).toBe(1500);
    expect(second!.body.max_tokens).toBeUndefined();
    const memory = JSON.parse(readFileSync(join(bed.home.home, 'cache', 'llm-capabilities.json'), 'utf8'));
    expect(memory[`${bed.server.url} test-model`].tokenParam).toBe('max_completion_tokens');
  });

  it('fails (exit 1) naming the models on offer when the model is missing', async () => {
    bed.server.models = ['llama3.1', 'qwen2.5'];
    const r = await runCli(['doctor', ...llm()], { home: bed.home.home });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+model\s+test-model is not offered by .* \(it offers llama3\.1, qwen2\.5\)/);
    expect(r.stdout).toContain('fix: pmcoach config set model <name>, e.g. llama3.1');
    expect(r.stderr).toBe('pmcoach: the LLM judge cannot work: fix the problem above\n');
  });

  it('uses a tiny completion when the server does not list models', async () => {
    bed.server.models = null;
    bed.server.setDefault(scores());
    const r = await runCli(['doctor', ...llm()], { home: bed.home.home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok\s+server\s+.*does not list models/);
    expect(r.stdout).toMatch(/ok\s+model\s+test-model answers/);
  });

  it('fails (exit 1) when the scoring reply never matches the rubric schema', async () => {
    bed.server.setDefault({ content: '{"ok": true}' });
    const r = await runCli(['doctor', ...llm()], { home: bed.home.home });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+rubric reply\s+the model's scoring reply does not match the rubric's schema/);
  });

  it('honours --timeout for each check: a server that trickles its body fails with the time it took', async () => {
    bed.server.models = null;
    bed.server.setDefault((req) => ({ ...scores()(req), dripMs: 200 }));
    const started = Date.now();
    const r = await runCli(['doctor', ...llm(), '--timeout', '1'], { home: bed.home.home });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+model\s+http:\/\/127\.0\.0\.1:\d+\/v1 did not finish replying within 1 s \(gave up after 1\.\d s\)/);
  });

  it('fails (exit 1) when the server cannot be reached, and says what to fix', async () => {
    const url = bed.server.url;
    const r = await runCli(['doctor', '--base-url', url.replace(/:\d+\//, ':1/'), '--model', 'm'], { home: bed.home.home });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+server\s+cannot reach http:\/\/127\.0\.0\.1:1\/v1/);
    expect(r.stdout).toContain('fix: start the server, or fix the address');
  });

  it('fails for the OpenAI API without a key, with the variable to set', async () => {
    const r = await runCli(['doctor', '--judge', 'llm', '--json'], { home: bed.home.home });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.checks.find((c: { name: string }) => c.name === 'api key')).toMatchObject({ status: 'fail', fix: expect.stringContaining('OPENAI_API_KEY') });
  });

  it('reports a broken config file as a failed check', async () => {
    mkdirSync(bed.home.home, { recursive: true });
    writeFileSync(join(bed.home.home, 'config.json'), JSON.stringify({ apiKey: KEY }));
    const r = await runCli(['doctor'], { home: bed.home.home });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+settings\s+.*apiKey: pmcoach does not store API keys/);
    expect(r.stdout).toMatch(/fix: pmcoach config set\/unset, or edit or delete .*config\.json/);
    expect(r.stdout).not.toContain(KEY);
  });
});

import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { APIError } from 'openai';
import type { Context } from '../../context.js';
import { note, print, printJson } from '../../output.js';
import { UserError } from '../../../errors.js';
import type { Bank } from '../../../questions/load.js';
import type { AnswerItem } from '../../../grade/collect.js';
import { AdaptivePool } from '../../../grade/pool.js';
import { judgeSettingsFrom, type JudgeFlags } from '../../judge-options.js';
import { missingKey } from '../../../llm/key.js';
import { describeError } from '../../../llm/client.js';
import { displayUrl } from '../../../text/sanitize.js';
import { plural } from '../../../text/format.js';
import { estimateTokens } from '../../../batch/requests.js';
import { JsonlParts, readLines } from '../../../batch/jsonl.js';
import { emptyJoin, joinResults, type Joined } from '../../../batch/join.js';
import { journalKey, readJournal, runDir, writeJournal, type Journal } from '../../../batch/journal.js';
import { openAiBatchApi } from '../../../batch/api.js';
import { downloadResults, pollUntilDone, progressLine, submitParts } from '../../../batch/run.js';
import { replyFromCompletion } from '../../../scoring/llm/judge.js';
import type { JudgeReply } from '../../../scoring/llm/schema.js';
import { createLlmJudge } from '../../../scoring/factory.js';
import { ProgressBar } from '../../progress.js';
import { GRADE_MAX_RETRIES, type EngineOptions, type GradeRun } from './engine.js';
import { makePlan, planIds, planLines, type Plan } from './plan.js';
import type { SessionRecord } from '../../../session/types.js';

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `--batch-file` and `--dry-run`: the requests in the OpenAI batch format, written or only counted. */
export async function writeRequests(ctx: Context, bank: Bank, items: readonly AnswerItem[], o: { flags: JudgeFlags; file?: string; dryRun: boolean }): Promise<void> {
  const settings = judgeSettingsFrom(ctx, o.flags);
  const plan = await makePlan(ctx, bank, items, items.map((_, i) => i), settings, 8, true);
  const writer = new JsonlParts(o.dryRun ? null : o.file!);
  let tokens = 0;
  try {
    for (const line of planLines(plan, items)) {
      tokens += estimateTokens(line);
      writer.write(line);
    }
  } catch (error) {
    writer.abort();
    throw error;
  }
  const parts = writer.close();
  const requests = parts.reduce((n, p) => n + p.requests, 0);
  const skipped = items.length - [...plan.byKey].filter(([k]) => plan.asks.has(k)).reduce((n, [, is]) => n + is.length, 0);
  const where = displayUrl(settings.baseUrl);
  if (ctx.json) {
    printJson(ctx, {
      dryRun: o.dryRun,
      model: settings.model,
      ...(o.dryRun ? { baseUrl: where } : {}),
      files: items.length,
      samples: plan.samples,
      requests,
      withoutRequest: skipped,
      batches: parts.map((p) => ({ ...(o.dryRun ? {} : { path: p.path }), requests: p.requests, bytes: p.bytes })),
      inputTokens: { estimate: tokens, method: 'characters / 4' },
    });
  } else {
    const head = o.dryRun ? `Would send ${plural(requests, 'request')} for ${plural(items.length, 'answer file')} to ${where}, model ${settings.model}` : `Wrote ${plural(requests, 'request')} for ${plural(items.length, 'answer file')}, model ${settings.model}`;
    print(ctx, `${head}${plan.samples > 1 ? ` (${plan.samples} samples each)` : ''}:`);
    parts.forEach((p, n) => print(ctx, `  ${o.dryRun ? `batch ${n + 1}` : p.path}: ${plural(p.requests, 'request')}, ${mb(p.bytes)}`));
    print(ctx, `About ${tokens.toLocaleString('en-US')} input tokens (an estimate: characters / 4).`);
    if (skipped > 0) print(ctx, `${plural(skipped, 'near-empty answer')} need${skipped === 1 ? 's' : ''} no request: the judge gives the minimum without asking.`);
  }
  if (!o.dryRun) {
    const first = parts[0]?.path ?? o.file!;
    note(ctx, `Run it where the model is, e.g.: vllm run-batch -i ${first} -o results.jsonl --model ${settings.model}`);
    note(ctx, `Then grade from the results: pmcoach grade <the same files> --batch-results results.jsonl`);
  }
}

type Phase = 'submit' | 'poll' | 'download';

/** One line for a failed Batch API call, by what was being done. */
function batchError(error: unknown, phase: Phase, settings: { baseUrl: string; model: string; apiKey?: string; timeoutSeconds: number }): UserError {
  const where = displayUrl(settings.baseUrl);
  const notFound = error instanceof APIError && (error.status === 404 || error.status === 405);
  if (notFound && phase === 'submit')
    return new UserError(`${where} has no Batch API (${(error as APIError).status} on /files or /batches); for vLLM write the requests with --batch-file and run vllm run-batch, or grade without --batch`);
  if (notFound && phase === 'poll') return new UserError(`${where} no longer knows the journaled batch (404); run again with --force to submit a new one`);
  if (notFound && phase === 'download') return new UserError(`the results of the batch are no longer on ${where} (404); run again with --force to submit a new one`);
  const doing = phase === 'submit' ? 'submit the batch' : phase === 'poll' ? 'check on the batch' : 'download its results';
  return new UserError(`could not ${doing}: ${describeError(error, settings)}${phase === 'submit' ? '' : '; run the same command again to carry on'}`);
}

const ago = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 90 ? `${s} s` : s < 5400 ? `${Math.round(s / 60)} min` : s < 172_800 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86_400)} days`;
};

/** Submits (or picks up) the batches for these requests, waits for them, and joins what they return. */
async function submitAndJoin(ctx: Context, run: GradeRun, plan: Plan, o: EngineOptions, joined: Joined<JudgeReply>, validate: Parameters<typeof joinResults<JudgeReply>>[2]): Promise<string> {
  const s = plan.settings;
  const noKey = missingKey(s);
  if (noKey) throw new UserError(noKey);
  const ids = [...planIds(plan, run.items)];
  const baseUrl = displayUrl(s.baseUrl);
  const key = journalKey({ baseUrl, model: s.model, samples: plan.samples, temperature: s.temperature }, ids);
  const dir = runDir(ctx.paths.home, key);
  if (ids.length === 0) return dir;
  const api = openAiBatchApi({ baseUrl: s.baseUrl, apiKey: s.apiKey, timeoutSeconds: s.timeoutSeconds });
  const deps = { api, home: ctx.paths.home };
  let journal = o.force ? undefined : readJournal(ctx.paths.home, key);
  let phase: Phase = 'submit';
  try {
    if (journal && journal.batches.length >= journal.parts) {
      const age = ago(Date.now() - Date.parse(journal.createdAt));
      note(ctx, `Picking up ${journal.batches.map((b) => b.id).join(', ')}, submitted ${age} ago for these files and settings (no new batch; --force submits a new one).`);
    } else {
      const now = new Date().toISOString();
      journal ??= { schemaVersion: 1, key, createdAt: now, updatedAt: now, model: s.model, baseUrl, files: plan.prepared.size, requests: ids.length, sample: run.items.slice(0, 3).map((i) => i.file), parts: 0, batches: [] };
      const writer = new JsonlParts(join(dir, 'requests.jsonl'));
      for (const line of planLines(plan, run.items)) writer.write(line);
      const parts = writer.close();
      journal.parts = parts.length;
      writeJournal(ctx.paths.home, journal);
      run.waiting = journal;
      await submitParts(parts, journal, deps);
      for (const p of parts) rmSync(p.path, { force: true });
      note(ctx, `Submitted ${plural(journal.batches.length, 'batch', 'batches')} (${plural(ids.length, 'request')}) to ${baseUrl}: ${journal.batches.map((b) => b.id).join(', ')}. Ctrl-C stops waiting; the batch keeps running.`);
    }
    run.waiting = journal;
    phase = 'poll';
    await pollUntilDone(journal, deps, {
      firstDelayMs: pollDelay(ctx),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      onProgress: progressReporter(ctx),
    });
    run.waiting = undefined;
    phase = 'download';
    const paths = await downloadResults(journal, api, dir);
    for (const p of paths) await joinResults(readLines(p), (k) => plan.byKey.has(k), validate, joined);
    for (const p of paths) rmSync(p, { force: true });
    journal.gradedAt = new Date().toISOString();
    writeJournal(ctx.paths.home, journal);
    const failed = journal.batches.filter((b) => b.status !== 'completed');
    if (failed.length) note(ctx, `${failed.map((b) => `${b.id} ended ${b.status}`).join(', ')}; its requests are retried as below.`);
  } catch (error) {
    run.waiting = undefined;
    if (error instanceof UserError) throw error;
    throw batchError(error, phase, s);
  }
  return dir;
}

function pollDelay(ctx: Context): number {
  const n = Number(ctx.settings.pollMs);
  return Number.isFinite(n) && n > 0 ? n : 5000;
}

/** The progress line on stderr: redrawn in place on a terminal, printed when it changes elsewhere. */
function progressReporter(ctx: Context): (j: Journal, next: number | undefined) => void {
  let last = '';
  return (journal, next) => {
    if (ctx.stderr.isTTY) {
      ctx.stderr.write(`\r\u001b[2K${progressLine(journal, next).slice(0, (ctx.stderr.columns ?? 80) - 1)}`);
      if (next === undefined) ctx.stderr.write('\r\u001b[2K');
      return;
    }
    const line = progressLine(journal, undefined);
    if (line !== last) note(ctx, line);
    last = line;
  };
}

const KIND_WORDS = { error: 'error lines', expired: 'expired', invalid: 'invalid replies', missing: 'without a result' } as const;

/** The samples of a file that got no valid reply. */
function missingSamples(plan: Plan, joined: Joined<JudgeReply>, key: string): number[] {
  if (!plan.asks.has(key)) return [];
  const got = joined.replies.get(key);
  return Array.from({ length: plan.samples }, (_, k) => k + 1).filter((s) => !got?.has(s));
}

/** Counts the requests that need another try, by kind, and says so in one line; with --no-retry, writes them to the retry file. */
function settleFailures(ctx: Context, run: GradeRun, plan: Plan, joined: Joined<JudgeReply>, retry: boolean, retryFile: string): { retried: number; skipped: Set<string> } {
  const kinds = new Map<string, number>();
  let retried = 0;
  const skipped = new Set<string>();
  for (const key of plan.asking) {
    for (const s of missingSamples(plan, joined, key)) {
      const kind = KIND_WORDS[joined.failures.get(key)?.get(s)?.kind ?? 'missing'];
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      retried++;
      if (!retry) skipped.add(key);
    }
  }
  if (retried === 0) return { retried, skipped };
  const what = [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
  note(ctx, `${plural(retried, 'batch request')} need${retried === 1 ? 's' : ''} another try (${what}); ${retry ? 'asking again synchronously' : `not retried (--no-retry): written to ${retryFile}`}.`);
  if (skipped.size > 0) {
    const writer = new JsonlParts(retryFile, { maxRequests: Number.MAX_SAFE_INTEGER, maxBytes: Number.MAX_SAFE_INTEGER });
    for (const line of planLines(plan, run.items, (key, s) => skipped.has(key) && missingSamples(plan, joined, key).includes(s))) writer.write(line);
    writer.close();
    run.retryFile = retryFile;
  }
  return { retried, skipped };
}

/** Joins the results files of an offline runner; the retry file goes beside the first. */
async function joinFiles(files: readonly string[], plan: Plan, joined: Joined<JudgeReply>, validate: Parameters<typeof joinResults<JudgeReply>>[2]): Promise<string> {
  for (const f of files) {
    if (!existsSync(f)) throw new UserError(`no results file ${f}; give the file vllm run-batch -o wrote`);
    await joinResults(readLines(f), (k) => plan.byKey.has(k), validate, joined);
  }
  const first = files[0]!;
  return join(dirname(first), `${basename(first, extname(first))}-retry.jsonl`);
}

/**
 * `--batch` and `--batch-results`: the batch's replies, validated as the synchronous judge validates them, then
 * each file scored from them; requests that failed (error, expired, invalid, missing) are asked again
 * synchronously with the usual repairs, or with --no-retry written to a retry file in the batch format.
 */
export async function gradeBatch(ctx: Context, bank: Bank, run: GradeRun, todo: number[], o: EngineOptions, onDone: (i: number, s: SessionRecord) => void): Promise<void> {
  const settings = judgeSettingsFrom(ctx, o.flags);
  const plan = await makePlan(ctx, bank, run.items, todo, settings, o.concurrency, o.batch?.mode === 'results');
  const joined = emptyJoin<JudgeReply>();
  const validate = (key: string, completion: unknown) => replyFromCompletion(completion, plan.prepared.get(plan.byKey.get(key)![0]!)!.input.rubric);
  const retryFile =
    o.batch?.mode === 'results' ? await joinFiles(o.batch.files, plan, joined, validate) : join(await submitAndJoin(ctx, run, plan, o, joined, validate), 'retry.jsonl');
  if (joined.unknown) note(ctx, `${plural(joined.unknown, 'result line')} did not match these answer files (changed since the requests were written?) and ${joined.unknown === 1 ? 'was' : 'were'} ignored.`);
  if (joined.malformed) note(ctx, `${plural(joined.malformed, 'result line')} could not be read and ${joined.malformed === 1 ? 'was' : 'were'} ignored.`);
  const { retried, skipped } = settleFailures(ctx, run, plan, joined, o.retry, retryFile);

  const pool = new AdaptivePool(o.concurrency);
  const judge = createLlmJudge(settings, { cacheDir: ctx.paths.cache, onRateLimit: () => pool.slowDown(), maxRetries: GRADE_MAX_RETRIES });
  const progress = new ProgressBar(ctx.stderr, todo.length);
  const fromFile = o.batch?.mode === 'results' && settings.sources.baseUrl === 'default';
  await pool.map(todo, async (i) => {
    const key = plan.keyOf.get(i)!;
    if (skipped.has(key)) {
      run.notGraded++;
      return;
    }
    const got = joined.replies.get(key);
    const given = got ? [...got].sort(([a], [b]) => a - b).map(([, r]) => r) : [];
    const { session, input } = plan.prepared.get(i)!;
    let score = await judge.scoreWith(input, given);
    // Replies from a results file with no server named: say where they came from, not the default server.
    if (fromFile && score.judge.kind === 'llm' && score.samples === given.length) score = { ...score, judge: { kind: 'llm', label: `${score.judge.model} (from the batch results)`, model: score.judge.model } };
    const done = { ...session, score } satisfies SessionRecord;
    run.sessions[i] = done;
    onDone(i, done);
    progress.tick(run.items[i]!.file);
  });
  progress.clear();
  const requests = plan.asking.length * plan.samples;
  run.extra.push(`batch: ${plural(requests, 'request')}${retried ? `, ${retried} ${o.retry ? 'retried' : 'not retried'}` : ''}`);
}

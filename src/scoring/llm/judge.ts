import { randomBytes } from 'node:crypto';
import type OpenAI from 'openai';
import { candidateText } from '../input.js';
import { graderAddressed, isNearEmpty } from '../injection.js';
import { EMPTY_SUGGESTION, emptyAnswerReason, minimumScores } from '../offline/judge.js';
import { limitingCriterion, overallScore, verdictFor } from '../overall.js';
import { checkQuotes } from '../quotes.js';
import { combineSamples } from '../samples.js';
import { displayUrl, oneLine, stripControl } from '../../text/sanitize.js';
import type { CriterionScore, JudgeInfo, ScoreInput, ScoreResult } from '../types.js';
import { loadCapability, saveCapability } from './capabilities.js';
import { describeError, makeClient, rejectsParam } from './client.js';
import { extractReply } from './extract.js';
import { renderMessages, repairMessage, type ChatMessage } from './prompt.js';
import { jsonSchemaFor, replySchema, type JudgeReply } from './schema.js';
import type { JudgeSettings } from '../../config/settings.js';

/** The judge settings it runs with (`timeoutSeconds` is the overall deadline for requests, retries and repairs). */
export interface LlmOptions extends Pick<JudgeSettings, 'model' | 'baseUrl' | 'apiKey' | 'timeoutSeconds' | 'samples' | 'temperature'> {
  /** Where capability memory is kept (`ctx.paths.cache`); none disables it. */
  cacheDir?: string;
  /** First max_tokens; doubled (up to 8000) when a reply is cut off. */
  maxTokens?: number;
  /** Retries the SDK makes for 429/5xx/connection errors within the deadline. */
  maxRetries?: number;
  nonce?: () => string;
  now?: () => Date;
  /** Called on every 429 from the server. */
  onRateLimit?: () => void;
}

export type LlmOutcome = { ok: true; result: ScoreResult } | { ok: false; reason: string };

export const MAX_REPAIRS = 2;
const MAX_LENGTH_RETRIES = 2;
const TOKEN_CAP = 8000;

export function llmInfo(model: string, baseUrl: string): JudgeInfo {
  const url = displayUrl(baseUrl);
  return { kind: 'llm', label: `${oneLine(model)} at ${url}`, model: oneLine(model), baseUrl: url };
}

type Sample = { ok: true; reply: JudgeReply } | { ok: false; reason: string; fatal: boolean };

/** One scoring: the request, the structured-output fallback, bigger max_tokens when cut off, and up to two repairs. */
async function sample(client: OpenAI, input: ScoreInput, o: LlmOptions, signal: AbortSignal): Promise<Sample> {
  const cap = loadCapability(o.cacheDir, o.baseUrl, o.model);
  let structured = cap.jsonSchema !== false;
  let tokenParam = cap.tokenParam ?? 'max_tokens';
  let maxTokens = o.maxTokens ?? 1500;
  let repairs = 0;
  let lengthRetries = 0;
  let history: ChatMessage[] = [];
  const schema = replySchema(input.rubric);
  const nonce = o.nonce ?? (() => randomBytes(12).toString('hex'));
  const fail = (error: unknown): Sample => ({ ok: false, reason: describeError(error, o), fatal: true });
  for (;;) {
    const messages = [...renderMessages(input, { nonce: nonce(), structured }), ...history];
    const body: Record<string, unknown> = { model: o.model, messages, temperature: o.temperature, [tokenParam]: maxTokens };
    if (structured) body.response_format = { type: 'json_schema', json_schema: { name: 'rubric_scores', strict: true, schema: jsonSchemaFor(input.rubric) } };
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = (await client.chat.completions.create(body as never, { signal })) as OpenAI.Chat.Completions.ChatCompletion;
    } catch (error) {
      if (signal.aborted) return fail(error);
      if (structured && rejectsParam(error, 'response_format')) {
        structured = false;
        saveCapability(o.cacheDir, o.baseUrl, o.model, { jsonSchema: false });
        continue;
      }
      if (tokenParam === 'max_tokens' && rejectsParam(error, 'max_tokens')) {
        tokenParam = 'max_completion_tokens';
        saveCapability(o.cacheDir, o.baseUrl, o.model, { tokenParam });
        continue;
      }
      return fail(error);
    }
    const choice = completion.choices?.[0];
    const content = typeof choice?.message?.content === 'string' ? choice.message.content : '';
    if (choice?.finish_reason === 'length') {
      if (lengthRetries >= MAX_LENGTH_RETRIES) return { ok: false, reason: `the reply was cut off at ${maxTokens} tokens even after raising max_tokens`, fatal: false };
      lengthRetries++;
      maxTokens = Math.min(TOKEN_CAP, maxTokens * 2);
      continue;
    }
    if (structured && cap.jsonSchema !== true) {
      saveCapability(o.cacheDir, o.baseUrl, o.model, { jsonSchema: true });
      cap.jsonSchema = true;
    }
    const refusal = choice?.message?.refusal;
    const parsed = extractReply(content, schema);
    if (parsed.ok) return { ok: true, reply: parsed.value };
    const errors = refusal ? [`the model refused: ${oneLine(refusal).slice(0, 120)}`] : parsed.errors;
    if (repairs >= MAX_REPAIRS) return { ok: false, reason: `the reply was still invalid after ${MAX_REPAIRS} repairs (${oneLine(errors[0] ?? 'no JSON')})`, fatal: false };
    repairs++;
    history = [...history, { role: 'assistant', content: stripControl(content).slice(0, 4000) }, repairMessage(errors, input.rubric)];
  }
}

/** Model text made safe and checked: control sequences stripped, quotes verified against the answer. Pure. */
export function criterionScores(reply: JudgeReply, input: ScoreInput, excluded: readonly string[]): CriterionScore[] {
  const answer = candidateText(input);
  return input.rubric.criteria.map((c) => {
    const r = reply.criteria[c.id]!;
    const quotes = r.evidence.map((q) => oneLine(q).slice(0, 300)).filter((q) => q !== '');
    const { verified, rejected } = checkQuotes(quotes, answer, excluded);
    const flags: string[] = [];
    if (rejected.length > 0) flags.push(`${rejected.length} quote${rejected.length === 1 ? ' was' : 's were'} not found in the answer and ${rejected.length === 1 ? 'was' : 'were'} dropped`);
    if (r.score > 1 && verified.length === 0) flags.push('no verbatim quote supports a score above 1');
    return {
      id: c.id,
      title: c.title,
      weight: c.weight,
      score: r.score,
      quotes: verified,
      covered: [],
      listed: [],
      missed: [],
      rationale: oneLine(r.rationale).slice(0, 400),
      suggestion: oneLine(r.suggestion).slice(0, 300),
      flags,
    };
  });
}

/**
 * Scores with an OpenAI-compatible server. Every failure (network, deadline, invalid replies) comes back as a
 * value with a one-line reason; the caller decides what to do instead.
 */
export async function runLlmJudge(input: ScoreInput, o: LlmOptions, outer?: AbortSignal): Promise<LlmOutcome> {
  const now = o.now ?? (() => new Date());
  const info = llmInfo(o.model, o.baseUrl);
  const text = candidateText(input);
  const addressed = graderAddressed(text);
  const notes: string[] = [];
  const base = { rubricId: input.rubric.id, judge: info, notes };
  if (isNearEmpty(text)) {
    const criteria = minimumScores(input, emptyAnswerReason(input), EMPTY_SUGGESTION);
    notes.push('The answer is empty or nearly empty, so it got the minimum without asking the model.');
    const overall = overallScore(criteria);
    return { ok: true, result: { ...base, criteria, overall, verdict: verdictFor(overall), limiting: limitingCriterion(criteria), samples: 0, injectionSuspected: addressed.length > 0, scoredAt: now().toISOString() } };
  }

  const deadlineMs = Math.max(1, o.timeoutSeconds * 1000);
  const controller = new AbortController();
  const onOuter = (): void => controller.abort();
  outer?.addEventListener('abort', onOuter, { once: true });
  const timer = setTimeout(() => controller.abort(), deadlineMs);
  const expired = new Promise<LlmOutcome>((resolve) =>
    controller.signal.addEventListener('abort', () => resolve({ ok: false, reason: outer?.aborted ? 'interrupted' : `no reply from ${info.baseUrl} within ${o.timeoutSeconds} s` }), { once: true }),
  );
  const work = async (): Promise<LlmOutcome> => {
    const client = makeClient({ baseUrl: o.baseUrl, apiKey: o.apiKey, deadlineAt: Date.now() + deadlineMs, maxRetries: o.maxRetries, onStatus: (status) => status === 429 && o.onRateLimit?.() });
    const replies: JudgeReply[] = [];
    const failures: string[] = [];
    for (let i = 0; i < Math.max(1, o.samples); i++) {
      const s = await sample(client, input, o, controller.signal);
      if (s.ok) replies.push(s.reply);
      else {
        failures.push(s.reason);
        if (s.fatal) break;
      }
    }
    if (replies.length === 0) return { ok: false, reason: failures[0] ?? 'no reply' };
    const criteria = combineSamples(replies.map((r) => criterionScores(r, input, addressed)));
    const injectionSuspected = addressed.length > 0 || replies.some((r) => r.injection_suspected);
    if (injectionSuspected) notes.push('The answer contains text addressed to the grader; it was not counted as evidence.');
    if (failures.length > 0) notes.push(`${replies.length} of ${o.samples} samples succeeded (${failures[0]}).`);
    const overall = overallScore(criteria);
    return { ok: true, result: { ...base, criteria, overall, verdict: verdictFor(overall), limiting: limitingCriterion(criteria), samples: replies.length, injectionSuspected, scoredAt: now().toISOString() } };
  };
  try {
    const done = work().catch((error: unknown): LlmOutcome => ({ ok: false, reason: describeError(error, o) }));
    return await Promise.race([done, expired]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
    controller.abort();
  }
}

import { randomBytes } from 'node:crypto';
import type OpenAI from 'openai';
import { candidateText } from '../input.js';
import { graderAddressed, isNearEmpty } from '../injection.js';
import { EMPTY_SUGGESTION, emptyAnswerReason, minimumScores } from '../offline/judge.js';
import { limitingCriterion, overallScore, verdictOf } from '../overall.js';
import { checkQuotes } from '../quotes.js';
import { combineSamples } from '../samples.js';
import { oneLine, stripControl } from '../../text/sanitize.js';
import { llmInfo } from '../judge-info.js';
import type { CriterionScore, ScoreInput, ScoreResult } from '../types.js';
import { describeError } from '../../llm/client.js';
import { withDeadline } from '../../llm/deadline.js';
import { chatCompletion, clientFor, type ChatMessage, type Completion } from '../../llm/request.js';
import { extractReply } from './extract.js';
import { renderMessages, repairMessage } from './prompt.js';
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
  /** Replies already obtained elsewhere (a batch), validated with `replyFromCompletion`; only the rest are asked for. */
  given?: readonly JudgeReply[];
}

export type LlmOutcome = { ok: true; result: ScoreResult } | { ok: false; reason: string };

export const MAX_REPAIRS = 2;
const MAX_LENGTH_RETRIES = 2;
const TOKEN_CAP = 8000;

type Sample = { ok: true; reply: JudgeReply } | { ok: false; reason: string; fatal: boolean };

/** One scoring: the request (with the shared parameter fallbacks), bigger max_tokens when cut off, and up to two repairs. */
async function sample(client: OpenAI, input: ScoreInput, o: LlmOptions, signal: AbortSignal): Promise<Sample> {
  let maxTokens = o.maxTokens ?? 1500;
  let repairs = 0;
  let lengthRetries = 0;
  let history: ChatMessage[] = [];
  const schema = replySchema(input.rubric);
  const nonce = o.nonce ?? (() => randomBytes(12).toString('hex'));
  const jsonSchema = { name: 'rubric_scores', schema: jsonSchemaFor(input.rubric) };
  for (;;) {
    let completion: Completion;
    try {
      const build = (structured: boolean) => ({ messages: [...renderMessages(input, { nonce: nonce(), structured }), ...history], temperature: o.temperature });
      completion = (await chatCompletion(client, o, build, { maxTokens, jsonSchema }, signal)).response;
    } catch (error) {
      return { ok: false, reason: describeError(error, o), fatal: true };
    }
    const choice = completion.choices?.[0];
    const content = typeof choice?.message?.content === 'string' ? choice.message.content : '';
    if (choice?.finish_reason === 'length') {
      if (lengthRetries >= MAX_LENGTH_RETRIES) return { ok: false, reason: `the reply was cut off at ${maxTokens} tokens even after raising max_tokens`, fatal: false };
      lengthRetries++;
      maxTokens = Math.min(TOKEN_CAP, maxTokens * 2);
      continue;
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

/** The reply schema of each rubric, built once (a cohort validates thousands of replies against one rubric). */
const schemas = new WeakMap<ScoreInput['rubric'], ReturnType<typeof replySchema>>();

/**
 * One finished completion (e.g. a line of a batch's output) as a validated reply, the way a sample checks its
 * first answer: a cut-off reply, a refusal or a reply that does not validate is a failure with a reason. Pure.
 */
export function replyFromCompletion(completion: unknown, rubric: ScoreInput['rubric']): { ok: true; reply: JudgeReply } | { ok: false; reason: string } {
  const choice = (completion as Partial<Completion> | undefined)?.choices?.[0];
  if (!choice) return { ok: false, reason: 'the reply had no choices' };
  if (choice.finish_reason === 'length') return { ok: false, reason: 'the reply was cut off at max_tokens' };
  const content = typeof choice.message?.content === 'string' ? choice.message.content : '';
  let schema = schemas.get(rubric);
  if (!schema) schemas.set(rubric, (schema = replySchema(rubric)));
  const parsed = extractReply(content, schema);
  if (parsed.ok) return { ok: true, reply: parsed.value };
  const refusal = choice.message?.refusal;
  return { ok: false, reason: refusal ? `the model refused: ${oneLine(refusal).slice(0, 120)}` : oneLine(parsed.errors[0] ?? 'no JSON') };
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
    return { ok: true, result: { ...base, criteria, overall, ...verdictOf(overall, input), limiting: limitingCriterion(criteria), samples: 0, injectionSuspected: addressed.length > 0, scoredAt: now().toISOString() } };
  }

  const target = { ...o, onStatus: (status: number) => status === 429 && o.onRateLimit?.() };
  const work = async (signal: AbortSignal, deadlineAt: number): Promise<LlmOutcome> => {
    const client = clientFor(target, deadlineAt);
    const replies: JudgeReply[] = [...(o.given ?? [])];
    const failures: string[] = [];
    for (let i = replies.length; i < Math.max(1, o.samples); i++) {
      const s = await sample(client, input, o, signal);
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
    return { ok: true, result: { ...base, criteria, overall, ...verdictOf(overall, input), limiting: limitingCriterion(criteria), samples: replies.length, injectionSuspected, scoredAt: now().toISOString() } };
  };
  const expired = (interrupted: boolean): LlmOutcome => ({ ok: false, reason: interrupted ? 'interrupted' : `no reply from ${info.baseUrl} within ${o.timeoutSeconds} s` });
  return withDeadline(o.timeoutSeconds, outer, (signal, deadlineAt) => work(signal, deadlineAt).catch((error: unknown): LlmOutcome => ({ ok: false, reason: describeError(error, o) })), expired);
}

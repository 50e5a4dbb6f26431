import { randomBytes } from 'node:crypto';
import { describeError } from '../llm/client.js';
import { withDeadline } from '../llm/deadline.js';
import { chatCompletion, clientFor } from '../llm/request.js';
import { displayUrl } from '../text/sanitize.js';
import type { ChatMessage } from '../llm/request.js';
import { cleanReply } from './prompt.js';

/**
 * The interviewer's side of an OpenAI-compatible server: one streamed chat completion, its text cleaned as it
 * arrives. Goes through the one request path in src/llm (deadline-aware retries, no key for local servers, the
 * remembered token parameter). Every failure is a value with a one-line reason, never a throw.
 */

export interface ChatOptions {
  model: string;
  baseUrl: string;
  apiKey?: string;
  timeoutSeconds: number;
  temperature: number;
  cacheDir?: string;
  maxRetries?: number;
  maxTokens?: number;
}

export type ChatOutcome = { ok: true; text: string } | { ok: false; reason: string };

export const newNonce = (): string => randomBytes(12).toString('hex');

/** Streams one reply; `onText` sees the cleaned text so far after every chunk. */
export async function streamChat(messages: ChatMessage[], o: ChatOptions, onText?: (text: string) => void, outer?: AbortSignal): Promise<ChatOutcome> {
  const secrets = [o.apiKey];
  const work = async (signal: AbortSignal, deadlineAt: number): Promise<ChatOutcome> => {
    const build = () => ({ messages, temperature: o.temperature });
    const { response } = await chatCompletion(clientFor(o, deadlineAt), o, build, { maxTokens: o.maxTokens ?? 300, stream: true as const }, signal);
    let raw = '';
    let finish: string | null | undefined;
    for await (const chunk of response) {
      const choice = chunk.choices?.[0];
      finish = choice?.finish_reason ?? finish;
      const delta = choice?.delta?.content;
      if (typeof delta !== 'string' || delta === '') continue;
      raw += delta;
      onText?.(cleanReply(raw, secrets));
    }
    // Half a sentence is not a reply: a stream cut short or stopped at the token limit counts as a failure.
    if (finish === 'length') return { ok: false, reason: `the reply from ${displayUrl(o.baseUrl)} was cut off at the token limit` };
    if (finish !== 'stop') return { ok: false, reason: `the reply stream from ${displayUrl(o.baseUrl)} ended before the reply was complete` };
    const text = cleanReply(raw, secrets);
    return text ? { ok: true, text } : { ok: false, reason: 'the model sent an empty reply' };
  };
  const expired = (interrupted: boolean): ChatOutcome => ({ ok: false, reason: interrupted ? 'interrupted' : `no reply from ${displayUrl(o.baseUrl)} within ${o.timeoutSeconds} s` });
  return withDeadline(o.timeoutSeconds, outer, (signal, deadlineAt) =>
    work(signal, deadlineAt).catch((error: unknown): ChatOutcome => (outer?.aborted ? { ok: false, reason: 'interrupted' } : { ok: false, reason: describeError(error, o) })),
  expired);
}

import { randomBytes } from 'node:crypto';
import type OpenAI from 'openai';
import { describeError, makeClient, rejectsParam } from '../scoring/llm/client.js';
import { loadCapability, saveCapability } from '../scoring/llm/capabilities.js';
import type { ChatMessage } from '../scoring/llm/prompt.js';
import { cleanReply } from './prompt.js';

/**
 * The interviewer's side of an OpenAI-compatible server: one streamed chat completion, its text cleaned as it
 * arrives. Reuses the judge's client (deadline-aware retries, no key for local servers) and its memory of
 * which token parameter the model takes. Every failure is a value with a one-line reason, never a throw.
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
  const deadlineMs = Math.max(1, o.timeoutSeconds * 1000);
  const controller = new AbortController();
  const onOuter = (): void => controller.abort();
  outer?.addEventListener('abort', onOuter, { once: true });
  const timer = setTimeout(() => controller.abort(), deadlineMs);
  const secrets = [o.apiKey];
  try {
    const client = makeClient({ baseUrl: o.baseUrl, apiKey: o.apiKey, deadlineAt: Date.now() + deadlineMs, maxRetries: o.maxRetries });
    let tokenParam = loadCapability(o.cacheDir, o.baseUrl, o.model).tokenParam ?? 'max_tokens';
    for (;;) {
      const body = { model: o.model, messages, temperature: o.temperature, stream: true, [tokenParam]: o.maxTokens ?? 300 };
      let stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>;
      try {
        stream = (await client.chat.completions.create(body as never, { signal: controller.signal })) as never;
      } catch (error) {
        if (!controller.signal.aborted && tokenParam === 'max_tokens' && rejectsParam(error, 'max_tokens')) {
          tokenParam = 'max_completion_tokens';
          saveCapability(o.cacheDir, o.baseUrl, o.model, { tokenParam });
          continue;
        }
        throw error;
      }
      let raw = '';
      for await (const chunk of stream) {
        const delta = chunk.choices?.[0]?.delta?.content;
        if (typeof delta !== 'string' || delta === '') continue;
        raw += delta;
        onText?.(cleanReply(raw, secrets));
      }
      const text = cleanReply(raw, secrets);
      return text ? { ok: true, text } : { ok: false, reason: 'the model sent an empty reply' };
    }
  } catch (error) {
    if (outer?.aborted) return { ok: false, reason: 'interrupted' };
    return { ok: false, reason: describeError(error, o) };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
  }
}

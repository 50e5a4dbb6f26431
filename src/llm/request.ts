import type OpenAI from 'openai';
import { loadCapability, saveCapability } from './capabilities.js';
import { makeClient, rejectsParam } from './client.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Which server and model, and where what they support is remembered. */
export interface LlmTarget {
  model: string;
  baseUrl: string;
  apiKey?: string;
  cacheDir?: string;
  /** Retries the SDK makes for 429/5xx/connection errors within the deadline. */
  maxRetries?: number;
  /** Sees every HTTP status (e.g. to slow down on 429). */
  onStatus?: (status: number) => void;
}

export interface Wanted {
  maxTokens: number;
  /** Ask for structured output with this schema; dropped (and remembered) when the server rejects it. */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  stream?: boolean;
}

export type Completion = OpenAI.Chat.Completions.ChatCompletion;
export type CompletionStream = AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>;

export const clientFor = (t: LlmTarget, deadlineAt: number): OpenAI =>
  makeClient({ baseUrl: t.baseUrl, apiKey: t.apiKey, deadlineAt, maxRetries: t.maxRetries, onStatus: t.onStatus });

/**
 * The request body every caller sends, without the parts a server may reject. `structured` says whether
 * structured output is asked for (prompts differ with it); the token parameter is the remembered one.
 */
export function requestBody(t: LlmTarget, build: (structured: boolean) => Record<string, unknown>, want: Wanted, structured: boolean, tokenParam: string): Record<string, unknown> {
  const body: Record<string, unknown> = { model: t.model, ...build(structured), [tokenParam]: want.maxTokens };
  if (want.stream) body.stream = true;
  if (structured && want.jsonSchema) body.response_format = { type: 'json_schema', json_schema: { name: want.jsonSchema.name, strict: true, schema: want.jsonSchema.schema } };
  return body;
}

/**
 * One chat completion with the parameter fallbacks every caller needs: structured output dropped when the
 * server rejects `response_format`, `max_tokens` renamed `max_completion_tokens` for models that want it. What
 * was learnt is remembered per server and model, so later runs skip the failed attempt. Throws the SDK's error
 * for anything else.
 */
export async function chatCompletion<S extends boolean = false>(
  client: OpenAI,
  t: LlmTarget,
  build: (structured: boolean) => Record<string, unknown>,
  want: Wanted & { stream?: S },
  signal: AbortSignal,
): Promise<{ response: S extends true ? CompletionStream : Completion; structured: boolean }> {
  const cap = loadCapability(t.cacheDir, t.baseUrl, t.model);
  let structured = want.jsonSchema !== undefined && cap.jsonSchema !== false;
  let tokenParam = cap.tokenParam ?? 'max_tokens';
  for (;;) {
    try {
      const response = await client.chat.completions.create(requestBody(t, build, want, structured, tokenParam) as never, { signal });
      if (structured && cap.jsonSchema !== true) saveCapability(t.cacheDir, t.baseUrl, t.model, { jsonSchema: true });
      return { response: response as never, structured };
    } catch (error) {
      if (signal.aborted) throw error;
      if (structured && rejectsParam(error, 'response_format')) {
        structured = false;
        saveCapability(t.cacheDir, t.baseUrl, t.model, { jsonSchema: false });
        continue;
      }
      if (tokenParam === 'max_tokens' && rejectsParam(error, 'max_tokens')) {
        tokenParam = 'max_completion_tokens';
        saveCapability(t.cacheDir, t.baseUrl, t.model, { tokenParam });
        continue;
      }
      throw error;
    }
  }
}

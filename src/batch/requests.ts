import { createHash, randomBytes } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { LlmTarget } from '../llm/request.js';
import { requestBody } from '../llm/request.js';
import { candidateText } from '../scoring/input.js';
import { isNearEmpty } from '../scoring/injection.js';
import { renderMessages } from '../scoring/llm/prompt.js';
import { jsonSchemaFor } from '../scoring/llm/schema.js';
import type { ScoreInput } from '../scoring/types.js';

/** One request in the OpenAI batch format (what the Batch API and `vllm run-batch` read). */
export interface BatchLine {
  custom_id: string;
  method: 'POST';
  url: '/v1/chat/completions';
  body: Record<string, unknown>;
}

/** How the synchronous judge would ask: structured output and the token parameter as remembered for the server. */
export interface RequestSettings {
  temperature: number;
  maxTokens: number;
  structured: boolean;
  tokenParam: 'max_tokens' | 'max_completion_tokens';
  nonce?: () => string;
}

/** A short, stable key for one answer file: its name and its content (the parsed file, so formatting does not count). */
export function fileKey(file: string, content: unknown): string {
  return createHash('sha256').update(basename(file)).update('\0').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

/** `<content hash>-s<sample>-<file name>`: the file, its content and the sample, at most 64 characters. */
export function customId(key: string, sample: number, file: string): string {
  const name = basename(file, extname(file)).replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 40) || 'answer';
  return `${key}-s${sample}-${name}`;
}

/** The file key and sample a custom_id names, or undefined for one pmcoach did not make. */
export function parseCustomId(id: unknown): { key: string; sample: number } | undefined {
  const m = typeof id === 'string' ? /^([0-9a-f]{16})-s(\d+)-/.exec(id) : null;
  return m ? { key: m[1]!, sample: Number(m[2]) } : undefined;
}

/** Whether the judge asks the model at all: a near-empty answer gets the minimum without a request. */
export function needsModel(input: ScoreInput): boolean {
  return !isNearEmpty(candidateText(input));
}

/**
 * The request the synchronous judge would send for one sample: the same messages (fresh delimiters), the same
 * JSON schema and parameters, built through the one request path. Pure but for the random nonce.
 */
export function requestLine(input: ScoreInput, target: Pick<LlmTarget, 'model' | 'baseUrl'>, s: RequestSettings, id: string): BatchLine {
  const nonce = s.nonce ?? (() => randomBytes(12).toString('hex'));
  const build = (structured: boolean) => ({ messages: renderMessages(input, { nonce: nonce(), structured }), temperature: s.temperature });
  const jsonSchema = { name: 'rubric_scores', schema: jsonSchemaFor(input.rubric) };
  const body = requestBody(target as LlmTarget, build, { maxTokens: s.maxTokens, jsonSchema }, s.structured, s.tokenParam);
  return { custom_id: id, method: 'POST', url: '/v1/chat/completions', body };
}

/** A rough input-token count for --dry-run: characters / 4. */
export function estimateTokens(line: BatchLine): number {
  const messages = (line.body.messages ?? []) as Array<{ content: string }>;
  return Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);
}

import { randomBytes } from 'node:crypto';
import type { LlmTarget } from '../llm/request.js';
import { requestBody } from '../llm/request.js';
import { candidateText } from '../scoring/input.js';
import { isNearEmpty } from '../scoring/injection.js';
import { renderMessages } from '../scoring/llm/prompt.js';
import { jsonSchemaFor } from '../scoring/llm/schema.js';
import type { ScoreInput } from '../scoring/types.js';

export { customId, fileKey, parseCustomId } from './keys.js';

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

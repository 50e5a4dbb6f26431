import { displayUrl, oneLine } from '../text/sanitize.js';
import type { JudgeInfo } from './types.js';

/** How an LLM judge is named to the user and in transcripts: the model and the server, never a credential. */
export function llmInfo(model: string, baseUrl: string): JudgeInfo {
  const url = displayUrl(baseUrl);
  return { kind: 'llm', label: `${oneLine(model)} at ${url}`, model: oneLine(model), baseUrl: url };
}

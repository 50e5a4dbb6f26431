import { needsKey, type JudgeSettings } from '../config/settings.js';
import { displayUrl } from '../text/sanitize.js';

/**
 * The one check for a missing API key, and the one message that says how to fix it. Local servers
 * (Ollama, LM Studio, vLLM, llama.cpp) take no key; only api.openai.com insists on one.
 */
export function missingKey(settings: Pick<JudgeSettings, 'baseUrl' | 'apiKey'>): string | undefined {
  if (!needsKey(settings) || settings.apiKey) return undefined;
  return `no API key for ${displayUrl(settings.baseUrl)}: export OPENAI_API_KEY=..., or use --base-url for a local server such as Ollama`;
}

import { APIError } from 'openai';
import type { JudgeSettings } from '../../config/settings.js';
import { displayUrl, maskKey, oneLine } from '../../text/sanitize.js';
import { describeError, makeClient } from '../../llm/client.js';
import { missingKey } from '../../llm/key.js';
import { chatCompletion } from '../../llm/request.js';

export interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  /** What to do about a warning or failure. */
  fix?: string;
}

const PROBE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['ok'],
  properties: { ok: { type: 'boolean' } },
};

/**
 * Checks that the LLM judge can work: a key where one is needed, the server, the model, structured output.
 * Stops at the first check that makes the rest meaningless. Never throws for a server problem.
 */
export async function probeLlm(settings: JudgeSettings, options: { cacheDir?: string; timeoutSeconds?: number } = {}): Promise<Check[]> {
  const checks: Check[] = [];
  const where = displayUrl(settings.baseUrl);
  const ctx = { baseUrl: settings.baseUrl, model: settings.model, apiKey: settings.apiKey, timeoutSeconds: options.timeoutSeconds ?? Math.min(30, settings.timeoutSeconds) };

  const noKey = missingKey(settings);
  if (noKey) {
    const [detail, fix] = noKey.split(': ');
    checks.push({ name: 'api key', status: 'fail', detail: detail!, fix });
    return checks;
  }
  checks.push({ name: 'api key', status: 'ok', detail: settings.apiKey ? `set (${maskKey(settings.apiKey)}, from the environment)` : 'none (not needed for a local server)' });

  const client = () => makeClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey, deadlineAt: Date.now() + ctx.timeoutSeconds * 1000, maxRetries: 1 });
  let ids: string[] | undefined;
  try {
    const page = await client().models.list();
    ids = page.data.map((m) => oneLine(String(m.id)));
    checks.push({ name: 'server', status: 'ok', detail: `${where} answers (${ids.length} model${ids.length === 1 ? '' : 's'} listed)` });
  } catch (error) {
    const listUnsupported = error instanceof APIError && error.status !== undefined && [404, 405, 501].includes(error.status);
    if (!listUnsupported) {
      const key = error instanceof APIError && error.status === 401;
      checks.push({
        name: 'server',
        status: 'fail',
        detail: describeError(error, ctx),
        fix: key ? 'check OPENAI_API_KEY' : `start the server, or fix the address: pmcoach config set baseUrl <url> (now ${where})`,
      });
      return checks;
    }
    checks.push({ name: 'server', status: 'ok', detail: `${where} answers (it does not list models)` });
  }

  if (ids) {
    if (ids.includes(settings.model)) checks.push({ name: 'model', status: 'ok', detail: `${settings.model} is available` });
    else {
      const shown = ids.slice(0, 8).join(', ') + (ids.length > 8 ? ', ...' : '');
      checks.push({ name: 'model', status: 'fail', detail: `${settings.model} is not offered by ${where}${ids.length ? ` (it offers ${shown})` : ''}`, fix: `pmcoach config set model <name>${ids[0] ? `, e.g. ${ids[0]}` : ''}` });
      return checks;
    }
  }

  const target = { model: settings.model, baseUrl: settings.baseUrl, apiKey: settings.apiKey, cacheDir: options.cacheDir, maxRetries: 1 };
  const build = () => ({ messages: [{ role: 'user', content: 'Reply with the JSON object {"ok": true} and nothing else.' }], temperature: settings.temperature });
  try {
    const signal = AbortSignal.timeout(ctx.timeoutSeconds * 1000);
    const { structured } = await chatCompletion(client(), target, build, { maxTokens: 64, jsonSchema: { name: 'probe', schema: PROBE_SCHEMA } }, signal);
    if (!ids) checks.push({ name: 'model', status: 'ok', detail: `${settings.model} answers` });
    if (structured) checks.push({ name: 'structured output', status: 'ok', detail: 'json_schema supported' });
    else
      checks.push({
        name: 'structured output',
        status: 'warn',
        detail: 'json_schema not supported; pmcoach asks for JSON in the prompt and validates it (replies may need repairs)',
        fix: 'a server with structured output (OpenAI, vLLM, llama.cpp, recent Ollama) is more reliable',
      });
  } catch (error) {
    checks.push({ name: 'model', status: 'fail', detail: describeError(error, ctx), fix: 'check the model name (pmcoach config set model <name>) and --temperature' });
  }
  return checks;
}

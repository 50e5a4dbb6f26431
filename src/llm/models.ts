import { makeClient, describeError } from './client.js';
import { oneLine } from '../text/sanitize.js';

/**
 * The model ids a server lists (GET /models), or why it could not say: a server that does not list models,
 * is down or is slow is a value, never a throw.
 */
export async function listModels(target: { baseUrl: string; apiKey?: string }, timeoutSeconds = 10): Promise<{ ids: string[] } | { error: string }> {
  const deadlineAt = Date.now() + timeoutSeconds * 1000;
  try {
    const page = await makeClient({ baseUrl: target.baseUrl, apiKey: target.apiKey, deadlineAt, maxRetries: 0 }).models.list();
    return { ids: page.data.map((m) => oneLine(String(m.id))).filter((id) => id !== '').sort() };
  } catch (error) {
    return { error: describeError(error, { baseUrl: target.baseUrl, model: '', apiKey: target.apiKey, timeoutSeconds }) };
  }
}

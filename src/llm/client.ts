import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { displayUrl, oneLine, redactSecrets } from '../text/sanitize.js';

/** Local servers take no key, but the SDK insists on one: this placeholder is sent instead. */
export const NO_KEY = 'no-key';

/** The wait a 429/5xx response asks for, in ms, if it says. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const s = Number.parseFloat(raw);
  if (Number.isFinite(s)) return s * 1000;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? at - now : undefined;
}

const RETRYABLE = (status: number): boolean => status === 408 || status === 409 || status === 429 || status >= 500;

/**
 * The SDK retries 429/5xx itself and honours retry-after, but its wait cannot be interrupted. This fetch tells
 * it not to retry (`x-should-retry: false`) when the wait would run past the overall deadline.
 */
export function deadlineFetch(deadlineAt: number, onStatus?: (status: number) => void, clock: () => number = Date.now): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    onStatus?.(res.status);
    if (!RETRYABLE(res.status)) return res;
    const remaining = deadlineAt - clock();
    const wait = retryAfterMs(res.headers) ?? 1000;
    if (wait <= remaining - 250) return res;
    const headers = new Headers(res.headers);
    headers.set('x-should-retry', 'false');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}

export interface ClientOptions {
  baseUrl: string;
  apiKey?: string;
  /** Epoch ms after which nothing more is tried. */
  deadlineAt: number;
  maxRetries?: number;
  /** Sees every HTTP status (e.g. to slow down on 429). */
  onStatus?: (status: number) => void;
}

export function makeClient(o: ClientOptions): OpenAI {
  return new OpenAI({
    apiKey: o.apiKey || NO_KEY,
    baseURL: o.baseUrl,
    timeout: Math.max(1, Math.round(o.deadlineAt - Date.now())),
    maxRetries: o.maxRetries ?? 2,
    fetch: deadlineFetch(o.deadlineAt, o.onStatus),
    organization: null,
    project: null,
    webhookSecret: null,
  });
}

/** A 400 that names a request parameter (e.g. response_format) means the server does not support it. */
export function rejectsParam(error: unknown, param: string): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  const body = JSON.stringify((error as { error?: unknown }).error ?? '') + ' ' + error.message;
  return body.toLowerCase().includes(param.toLowerCase());
}

/** One line that says what went wrong and what to do, never with the key in it. */
export function describeError(error: unknown, ctx: { baseUrl: string; model: string; apiKey?: string; timeoutSeconds: number }): string {
  const where = displayUrl(ctx.baseUrl);
  const clean = (s: string): string => redactSecrets(oneLine(s), [ctx.apiKey]).slice(0, 200);
  if (error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) return `no reply from ${where} within ${ctx.timeoutSeconds} s`;
  if (error instanceof APIConnectionError) {
    const cause = (error as { cause?: { code?: string; cause?: { code?: string; message?: string } } }).cause;
    const code = cause?.code ?? cause?.cause?.code ?? (cause?.cause?.message ? oneLine(cause.cause.message).slice(0, 60) : undefined);
    return `cannot reach ${where}${code ? ` (${code})` : ''}; is the server running and the address right?`;
  }
  if (error instanceof APIError) {
    const msg = clean(String((error as { error?: { message?: unknown } }).error?.message ?? error.message).replace(/^\d{3}\s+/, ''));
    switch (error.status) {
      case 401:
        return `${where} rejected the API key (401); check OPENAI_API_KEY`;
      case 403:
        return `${where} refused access (403): ${msg}`;
      case 404:
        return `model "${ctx.model}" or the API path was not found at ${where} (404); check --model and --base-url`;
      case 429:
        return `rate limited by ${where} (429) after retries: ${msg}`;
      default:
        if (error.status !== undefined && error.status >= 500) return `server error ${error.status} from ${where} after retries`;
        return `${where} rejected the request (${error.status ?? 'error'}): ${msg}`;
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  // What the SDK or fetch says when a reply stops half-way or is not JSON, said as what happened and where.
  if (/^terminated$|other side closed|socket hang up|ECONNRESET/i.test(message)) return `${where} closed the connection before the reply was complete`;
  if (/Unexpected end of JSON input|in JSON at position|is not valid JSON|Unexpected token/i.test(message)) return `${where} sent a reply that is not valid JSON (cut short or not an OpenAI-compatible server?)`;
  return `${where}: ${clean(message)}`;
}

import { oneLine } from '../text/sanitize.js';
import { parseCustomId } from './requests.js';

/** One line of a batch's output or error file (OpenAI and `vllm run-batch` write the same shape). */
export type ResultLine = { customId: string; completion: unknown } | { customId: string; error: string; expired: boolean };

/** Why a request got no usable reply: an error line, an expired one, or a reply that did not validate. */
export interface Failure {
  kind: 'error' | 'expired' | 'invalid';
  reason: string;
}

/**
 * Reads one result line: `response.body` when the request succeeded (status 200), else the reason it failed
 * (`error.code` such as batch_expired, or the status and message of a failed request). Pure.
 */
export function parseResultLine(text: string): ResultLine | { malformed: string } {
  let v: any;
  try {
    v = JSON.parse(text);
  } catch {
    return { malformed: 'not JSON' };
  }
  if (v === null || typeof v !== 'object' || typeof v.custom_id !== 'string') return { malformed: 'no custom_id' };
  const customId: string = v.custom_id;
  const why = (s: unknown): string => oneLine(String(s ?? '')).slice(0, 160);
  if (v.error) return { customId, error: `${why(v.error.code ?? 'error')}${v.error.message ? `: ${why(v.error.message)}` : ''}`, expired: v.error.code === 'batch_expired' };
  const r = v.response;
  if (!r || typeof r !== 'object') return { customId, error: 'no response', expired: false };
  // Some runners put the completion itself under `response` (no status_code, no body).
  if (r.status_code === undefined && Array.isArray(r.choices)) return { customId, completion: r };
  if (r.status_code !== 200) return { customId, error: `status ${why(r.status_code)}${r.body?.error?.message ? `: ${why(r.body.error.message)}` : ''}`, expired: false };
  return { customId, completion: r.body };
}

/** What came back for the answer files, by file key and sample: validated replies, and why the others failed. */
export interface Joined<R> {
  replies: Map<string, Map<number, R>>;
  failures: Map<string, Map<number, Failure>>;
  /** Lines for requests this run did not make (another cohort's file, say): ignored. */
  unknown: number;
  malformed: number;
}

export function emptyJoin<R>(): Joined<R> {
  return { replies: new Map(), failures: new Map(), unknown: 0, malformed: 0 };
}

/**
 * Joins result lines to the requests by custom_id, never by line order (they come back in any order). Only
 * validated replies are kept, so memory grows with the results kept, not with the file. A request answered
 * twice keeps its first valid reply. `validate` checks a completion as the synchronous judge does.
 */
export async function joinResults<R>(
  lines: AsyncIterable<string> | Iterable<string>,
  known: (key: string) => boolean,
  validate: (key: string, completion: unknown) => { ok: true; reply: R } | { ok: false; reason: string },
  into: Joined<R> = emptyJoin<R>(),
): Promise<Joined<R>> {
  for await (const text of lines) {
    const line = parseResultLine(text);
    if ('malformed' in line) {
      into.malformed++;
      continue;
    }
    const id = parseCustomId(line.customId);
    if (!id || !known(id.key)) {
      into.unknown++;
      continue;
    }
    if (into.replies.get(id.key)?.has(id.sample)) continue;
    const outcome = 'error' in line ? { ok: false as const, reason: line.error } : validate(id.key, line.completion);
    const kind: Failure['kind'] = 'error' in line ? (line.expired ? 'expired' : 'error') : 'invalid';
    if (outcome.ok) {
      if (!into.replies.has(id.key)) into.replies.set(id.key, new Map());
      into.replies.get(id.key)!.set(id.sample, outcome.reply);
      into.failures.get(id.key)?.delete(id.sample);
    } else {
      if (!into.failures.has(id.key)) into.failures.set(id.key, new Map());
      into.failures.get(id.key)!.set(id.sample, { kind, reason: outcome.reason });
    }
  }
  return into;
}

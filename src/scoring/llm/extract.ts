import type { z } from 'zod';
import { describeIssues } from './schema.js';

/** Reasoning models put their thinking in <think> blocks before the answer. */
function withoutThinking(text: string): string {
  return text.replace(/<think(?:ing)?>[\s\S]*?<\/think(?:ing)?>/gi, '').trim();
}

/** Balanced `{...}` spans in order of their start, string- and escape-aware. */
export function balancedObjects(text: string, limit = 8): string[] {
  const out: string[] = [];
  for (let start = text.indexOf('{'); start !== -1 && out.length < limit; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    let inString = false;
    let escaped = false;
    for (let i = start; i < text.length; i++) {
      const ch = text[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) {
        out.push(text.slice(start, i + 1));
        break;
      }
    }
  }
  return out;
}

/** Where a JSON reply may hide: the whole text, fenced code blocks, then each balanced object. Pure. */
export function jsonCandidates(raw: string): string[] {
  const text = withoutThinking(raw);
  const fenced = [...text.matchAll(/```(?:json|JSON)?\s*\n?([\s\S]*?)```/g)].map((m) => m[1]!.trim());
  const all = [text, ...fenced, ...fenced.flatMap((f) => balancedObjects(f)), ...balancedObjects(text)];
  return [...new Set(all.filter((c) => c.startsWith('{')))];
}

export type Extracted<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Finds the first candidate that parses as JSON and validates. Nothing is trusted for being first: when no
 * candidate validates, the errors of the first parseable one come back (for a repair request). Pure.
 */
export function extractReply<T>(raw: string, schema: z.ZodType<T>): Extracted<T> {
  let firstErrors: string[] | undefined;
  for (const candidate of jsonCandidates(raw)) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    const result = schema.safeParse(value);
    if (result.success) return { ok: true, value: result.data };
    firstErrors ??= describeIssues(result.error, value);
  }
  if (firstErrors) return { ok: false, errors: firstErrors };
  return { ok: false, errors: [raw.trim() === '' ? 'the reply was empty' : 'the reply contains no valid JSON object'] };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../store/atomic.js';
import { displayUrl } from '../text/sanitize.js';

/** What a server and model were found to support, remembered so later runs skip the failed attempt. */
export interface Capability {
  /** `response_format: json_schema` accepted. */
  jsonSchema?: boolean;
  /** The parameter that caps the reply length (newer OpenAI models want max_completion_tokens). */
  tokenParam?: 'max_tokens' | 'max_completion_tokens';
  checkedAt?: string;
}

export const CAPABILITIES_FILE = 'llm-capabilities.json';

/** One entry per server (address without credentials or query) and model. */
export function capabilityKey(baseUrl: string, model: string): string {
  return `${displayUrl(baseUrl)} ${model}`;
}

function readAll(cacheDir: string): Record<string, Capability> {
  try {
    const v: unknown = JSON.parse(readFileSync(join(cacheDir, CAPABILITIES_FILE), 'utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Capability>) : {};
  } catch {
    return {};
  }
}

export function loadCapability(cacheDir: string | undefined, baseUrl: string, model: string): Capability {
  if (!cacheDir) return {};
  const c = readAll(cacheDir)[capabilityKey(baseUrl, model)];
  return c !== null && typeof c === 'object' ? c : {};
}

/** Merges what was learnt; a cache that cannot be written only costs a retry next time. */
export function saveCapability(cacheDir: string | undefined, baseUrl: string, model: string, patch: Capability, now = new Date()): void {
  if (!cacheDir) return;
  const all = readAll(cacheDir);
  const key = capabilityKey(baseUrl, model);
  all[key] = { ...all[key], ...patch, checkedAt: now.toISOString() };
  try {
    writeJsonAtomic(join(cacheDir, CAPABILITIES_FILE), all, { mode: 0o600 });
  } catch {
    // Only speed is lost.
  }
}

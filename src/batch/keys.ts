import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';

// Kept apart from requests.ts so that grade without a batch (which keys its --out resume records) loads no SDK.

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

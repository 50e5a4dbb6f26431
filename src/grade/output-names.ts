import { basename, extname } from 'node:path';

/** One output file name per answer file: its base name, made unique with -2, -3 ... Pure. */
export function outputNames(files: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return files.map((f) => {
    const base = basename(f, extname(f)).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'answer';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

import { mkdirSync, renameSync, writeFileSync, rmSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

let counter = 0;

/**
 * Writes a file so that a reader (or a crash) never sees it half-written:
 * the data goes to a temp file in the same folder, is flushed, then renamed over the target.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: { mode?: number } = {}): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.${counter++}.tmp`);
  try {
    const fd = openSync(tmp, 'w', options.mode ?? 0o644);
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

export function writeJsonAtomic(path: string, value: unknown, options: { mode?: number } = {}): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n', options);
}

/** A failed write in words a user can act on: "disk full", "read-only file system", "permission denied". */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOSPC: 'disk full',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a file stands where a folder should be',
    EISDIR: 'a folder stands where the file should be',
  };
  // mkdir -p over a regular file says EEXIST: the same problem as ENOTDIR.
  if (code === 'EEXIST' && (error as NodeJS.ErrnoException).syscall === 'mkdir') return `${words.ENOTDIR} (ENOTDIR)`;
  if (code && words[code]) return `${words[code]} (${code})`;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

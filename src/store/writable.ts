import { closeSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Error codes that mean "this place cannot be written" (permissions, a read-only or full disk, a file where a folder should be). */
const WRITE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOTDIR', 'EDQUOT', 'EEXIST']);

export function isWriteError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && WRITE_CODES.has(code);
}

/** Makes `dir` if needed and proves a file can be created in it; throws the system's error when not. */
export function assertWritable(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const probe = join(dir, `.pmcoach-write-check.${process.pid}.tmp`);
  closeSync(openSync(probe, 'w', 0o600));
  rmSync(probe, { force: true });
}

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomic } from '../store/atomic.js';
import type { SessionRecord } from './types.js';

/**
 * When the data folder cannot be written (read-only, full disk), a session's last copy goes here instead:
 * a file under the system's temp folder that `pmcoach resume <file>` reads back. Throws when that fails too.
 */
export function rescueDir(): string {
  return join(tmpdir(), 'pmcoach-rescue');
}

export function writeRescue(session: SessionRecord, dir: string = rescueDir()): string {
  const path = join(dir, `${session.id}.json`);
  writeJsonAtomic(path, session, { mode: 0o600 });
  return path;
}

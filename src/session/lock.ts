import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Paths } from '../store/paths.js';
import { UserError } from '../errors.js';

/**
 * One session, one writer: a lock file beside the session (`.<id>.lock`, holding pid, host and time) while a
 * terminal has it open. A second terminal is refused with a clear line; a lock whose process is gone (same
 * host) or that is older than a day (another host) is stale and taken over, and the caller says so.
 */
export interface SessionLock {
  release(): void;
  /** Set when a stale lock was taken over: what to tell the user. */
  tookOver?: string;
}

interface LockInfo {
  pid: number;
  host: string;
  at: string;
}

const STALE_ELSEWHERE_MS = 24 * 3600 * 1000;

export function lockPath(paths: Paths, id: string): string {
  return join(paths.sessions, `.${id}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
    return typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.at === 'string' ? (v as LockInfo) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a lock is held by a live writer other than this process. */
export function isLive(info: LockInfo, now = Date.now(), here = { pid: process.pid, host: hostname() }): boolean {
  if (info.host === here.host) return info.pid !== here.pid && alive(info.pid);
  return now - Date.parse(info.at) < STALE_ELSEWHERE_MS;
}

/** Takes the lock for a session, or throws a UserError naming who holds it. A lock that cannot be written is no lock (saving may still work). */
export function lockSession(paths: Paths, id: string, now = new Date()): SessionLock {
  const path = lockPath(paths, id);
  const mine: LockInfo = { pid: process.pid, host: hostname(), at: now.toISOString() };
  let tookOver: string | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      mkdirSync(paths.sessions, { recursive: true });
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(mine));
      closeSync(fd);
      const release = (): void => {
        if (readLock(path)?.pid === mine.pid) rmSync(path, { force: true });
      };
      return tookOver ? { release, tookOver } : { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return { release: () => {} };
      const held = readLock(path);
      if (held && isLive(held, now.getTime())) {
        const where = held.host === mine.host ? `process ${held.pid}` : `process ${held.pid} on ${held.host}`;
        throw new UserError(`session ${id} is open in another terminal (${where}, since ${held.at}); finish or quit it there first`);
      }
      tookOver = `note: took over session ${id} from a writer that is gone${held ? ` (process ${held.pid} on ${held.host})` : ''}.`;
      rmSync(path, { force: true });
    }
  }
  return { release: () => {} };
}

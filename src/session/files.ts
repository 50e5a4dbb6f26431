import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Paths } from '../store/paths.js';
import type { SessionRecord } from './types.js';
import { writeJsonAtomic } from '../store/atomic.js';
import { UserError } from '../errors.js';
import { compareText } from '../questions/suggest.js';

/** A session id sorts by time and names its question: `20261127-231405-amazon-personalization-privacy`. */
export function newSessionId(questionId: string, now: Date = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  const rand = Math.random().toString(36).slice(2, 6);
  return `${stamp}-${rand}-${questionId}`.slice(0, 120);
}

export function sessionPath(paths: Paths, id: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(id)) throw new UserError(`"${id}" is not a session id; run pmcoach sessions to see them`);
  return join(paths.sessions, `${id}.json`);
}

/** Saves atomically: a crash leaves either the old file or the new one, never half of one. */
export function saveSession(paths: Paths, session: SessionRecord): string {
  const path = sessionPath(paths, session.id);
  writeJsonAtomic(path, session, { mode: 0o600 });
  return path;
}

/**
 * A quick check, not the schema: enough for what listSessions' callers read (which questions were
 * practised, which session is unfinished). The full check is ./schema.ts through ./read.ts, for every
 * command that shows, scores, exports or resumes a session; it is kept off this path because zod takes about
 * 60 ms to load, before the practice picker or the home menu could appear.
 */
function looksLikeSession(v: unknown): v is SessionRecord {
  if (v === null || typeof v !== 'object') return false;
  const s = v as Partial<SessionRecord>;
  return (
    s.schemaVersion === 1 &&
    typeof s.id === 'string' &&
    typeof s.createdAt === 'string' &&
    typeof s.status === 'string' &&
    Array.isArray(s.stages) &&
    s.stages.every((x) => x !== null && typeof x === 'object' && typeof x.text === 'string' && typeof x.secondsUsed === 'number' && typeof x.secondsAllotted === 'number') &&
    typeof s.question === 'object' &&
    s.question !== null &&
    typeof (s.question as { id?: unknown }).id === 'string' &&
    typeof (s.question as { title?: unknown }).title === 'string'
  );
}

export interface SessionList {
  /** Newest first. */
  sessions: SessionRecord[];
  /** Files that could not be read as sessions: reported once by the caller, never a crash. */
  corrupt: string[];
}

/** The session files in the sessions folder (none when it does not exist yet); temp files left out. */
export function sessionFiles(paths: Paths): string[] {
  if (!existsSync(paths.sessions)) return [];
  return readdirSync(paths.sessions)
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .map((name) => join(paths.sessions, name));
}

/** Newest first (ties by id), the order every list of sessions is shown in. */
export const newestFirst = (a: SessionRecord, b: SessionRecord): number => compareText(b.createdAt, a.createdAt) || compareText(b.id, a.id);

export function listSessions(paths: Paths): SessionList {
  const sessions: SessionRecord[] = [];
  const corrupt: string[] = [];
  for (const file of sessionFiles(paths)) {
    try {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (looksLikeSession(value)) sessions.push(value);
      else corrupt.push(file);
    } catch {
      corrupt.push(file);
    }
  }
  sessions.sort(newestFirst);
  return { sessions, corrupt };
}

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

function looksLikeSession(v: unknown): v is SessionRecord {
  if (v === null || typeof v !== 'object') return false;
  const s = v as Partial<SessionRecord>;
  return (
    s.schemaVersion === 1 &&
    typeof s.id === 'string' &&
    typeof s.createdAt === 'string' &&
    Array.isArray(s.stages) &&
    typeof s.question === 'object' &&
    s.question !== null &&
    typeof (s.question as { id?: unknown }).id === 'string'
  );
}

export function loadSession(paths: Paths, id: string): SessionRecord {
  const path = sessionPath(paths, id);
  if (!existsSync(path)) throw new UserError(`no session "${id}"; run pmcoach sessions to see them`);
  return loadSessionFile(path);
}

/** Reads a session file from anywhere (a rescue copy, say); a file that is not a session is a UserError. */
export function loadSessionFile(path: string): SessionRecord {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) throw new UserError(`cannot read ${path}: ${(error as Error).message}`);
    throw new UserError(`session file ${path} is not valid JSON; it may have been edited by hand`);
  }
  if (!looksLikeSession(value)) throw new UserError(`session file ${path} is not a pmcoach session (schemaVersion 1)`);
  return value;
}

export interface SessionList {
  /** Newest first. */
  sessions: SessionRecord[];
  /** Files that could not be read as sessions: reported once by the caller, never a crash. */
  corrupt: string[];
}

export function listSessions(paths: Paths): SessionList {
  if (!existsSync(paths.sessions)) return { sessions: [], corrupt: [] };
  const sessions: SessionRecord[] = [];
  const corrupt: string[] = [];
  for (const name of readdirSync(paths.sessions)) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    const file = join(paths.sessions, name);
    try {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (looksLikeSession(value)) sessions.push(value);
      else corrupt.push(file);
    } catch {
      corrupt.push(file);
    }
  }
  sessions.sort((a, b) => compareText(b.createdAt, a.createdAt) || compareText(b.id, a.id));
  return { sessions, corrupt };
}

/** `latest` or an id prefix resolves to one session. */
export function resolveSessionId(paths: Paths, ref: string, filter: (s: SessionRecord) => boolean = () => true): string {
  const { sessions } = listSessions(paths);
  const candidates = sessions.filter(filter);
  if (ref === 'latest') {
    const first = candidates[0];
    if (!first) throw new UserError('no sessions yet; start one with pmcoach practice');
    return first.id;
  }
  const exact = candidates.find((s) => s.id === ref);
  if (exact) return exact.id;
  const prefixed = candidates.filter((s) => s.id.startsWith(ref) || s.id.endsWith(ref));
  if (prefixed.length === 1) return prefixed[0]!.id;
  if (prefixed.length > 1) throw new UserError(`"${ref}" matches ${prefixed.length} sessions; give more of the id (pmcoach sessions lists them)`);
  throw new UserError(`no session "${ref}"; run pmcoach sessions to see them`);
}

import { existsSync, readFileSync } from 'node:fs';
import type { Paths } from '../store/paths.js';
import type { SessionRecord } from './types.js';
import { checkSession } from './schema.js';
import { newestFirst, sessionFiles, sessionPath } from './files.js';
import { UserError } from '../errors.js';

/**
 * Reading saved sessions through their schema: what every command that shows, scores, exports, removes or
 * resumes a session uses. (The practice picker and the home menu only count sessions per question, through
 * files.ts's quick check, so that the first screen does not wait for zod, which takes about 60 ms to load.)
 */

export interface CorruptFile {
  file: string;
  /** What is wrong: "not JSON (cut short?)", or the first fields that do not validate. */
  problem: string;
}

export interface CheckedSessions {
  /** Newest first. */
  sessions: SessionRecord[];
  corrupt: CorruptFile[];
}

/** Reads one session file; a truncated or hand-broken file is "corrupt" with the reason. */
export function readSessionFile(file: string): { session: SessionRecord } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: text.trim() === '' ? 'the file is empty' : 'not valid JSON: cut short or edited by hand' };
  }
  return checkSession(value);
}

export function readSessions(paths: Paths): CheckedSessions {
  const sessions: SessionRecord[] = [];
  const corrupt: CorruptFile[] = [];
  for (const file of sessionFiles(paths)) {
    const r = readSessionFile(file);
    if ('session' in r) sessions.push(r.session);
    else corrupt.push({ file, problem: r.problem });
  }
  sessions.sort(newestFirst);
  return { sessions, corrupt };
}

/** A named session, or one line: no such session, or "the file is corrupt: PATH (what is wrong)". */
export function readSession(paths: Paths, id: string): SessionRecord {
  const path = sessionPath(paths, id);
  if (!existsSync(path)) throw new UserError(`no session "${id}"; run pmcoach sessions to see them`);
  const r = readSessionFile(path);
  if ('problem' in r) throw new UserError(`the file is corrupt: ${path} (${r.problem}); fix it by hand or remove it with pmcoach sessions rm ${id}`);
  return r.session;
}

/**
 * A reference to one session: `latest` (the newest one `latest` may mean, finished ones by default), an
 * exact id, or any part of an id that only one session has. Corrupt files can be named by id too. Pure
 * over the list given.
 */
export function resolveRef(list: CheckedSessions, ref: string, opts: { latest?: (s: SessionRecord) => boolean; what?: string } = {}): { id: string; picked?: string } {
  const what = opts.what ?? 'session';
  const wanted = ref.trim();
  if (wanted === '') throw new UserError(`give a session id or a unique part of one (pmcoach sessions lists them)`);
  if (wanted === 'latest') {
    const first = list.sessions.find(opts.latest ?? ((s) => s.status === 'finished'));
    if (!first) throw new UserError(list.sessions.length ? `no finished ${what} yet; pmcoach sessions lists the unfinished ones` : 'no sessions yet; start one with pmcoach practice');
    return { id: first.id, picked: first.id };
  }
  const ids = [...list.sessions.map((s) => s.id), ...list.corrupt.map((c) => c.file.replace(/^.*[\\/]/, '').replace(/\.json$/, ''))];
  if (ids.includes(wanted)) return { id: wanted };
  const matches = [...new Set(ids.filter((id) => id.includes(wanted)))];
  if (matches.length === 1) return { id: matches[0]! };
  if (matches.length > 1) throw new UserError(`"${wanted}" matches ${matches.length} sessions (${matches.slice(0, 3).join(', ')}${matches.length > 3 ? ', …' : ''}); give more of the id`);
  throw new UserError(`no session "${wanted}"; run pmcoach sessions to see them`);
}

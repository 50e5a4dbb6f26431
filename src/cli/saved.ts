import { basename, dirname } from 'node:path';
import type { Context } from './context.js';
import type { SessionRecord } from '../session/types.js';
import { readSessions, type CheckedSessions, type CorruptFile } from '../session/read.js';
import { note } from './output.js';
import { oneLine } from '../text/sanitize.js';

/** One line naming the session files that could not be read (the folder once, then the file names, each with why). */
export function skippedLine(files: ReadonlyArray<string | CorruptFile>): string {
  const items = files.map((f) => (typeof f === 'string' ? { file: f, problem: '' } : f)).sort((a, b) => a.file.localeCompare(b.file));
  const n = items.length;
  const dirs = new Set(items.map((f) => dirname(f.file)));
  const one = dirs.size === 1 && n > 1;
  const name = (f: { file: string; problem: string }): string => (one ? basename(f.file) : f.file) + (f.problem ? ` (${f.problem})` : '');
  const named = one ? `in ${[...dirs][0]}: ${items.map(name).join(', ')}` : items.map(name).join(', ');
  return `warning: skipped ${n} unreadable session file${n === 1 ? '' : 's'} ${named}; fix or remove ${n === 1 ? 'it' : 'them'} (pmcoach sessions rm <id>)`;
}

/** Every saved session that validates, newest first; the others are reported once on stderr. */
export function checkedSessions(ctx: Context): CheckedSessions {
  const list = readSessions(ctx.paths);
  if (list.corrupt.length > 0) note(ctx, oneLine(skippedLine(list.corrupt)));
  return list;
}

/** Every session that history, stats and export can read; the others are reported once on stderr. */
export function readableSavedSessions(ctx: Context): SessionRecord[] {
  return checkedSessions(ctx).sessions;
}

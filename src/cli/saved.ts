import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Context } from './context.js';
import type { SessionRecord } from '../session/types.js';
import { listSessions } from '../session/files.js';
import { readableSessions } from '../history/check.js';
import { note } from './output.js';
import { oneLine } from '../text/sanitize.js';

/** One line naming the session files that could not be read (the folder once, then the file names). */
export function skippedLine(files: readonly string[]): string {
  const n = files.length;
  const dirs = new Set(files.map((f) => dirname(f)));
  const named = dirs.size === 1 && n > 1 ? `in ${[...dirs][0]}: ${files.map((f) => basename(f)).join(', ')}` : files.join(', ');
  return `warning: skipped ${n} unreadable session file${n === 1 ? '' : 's'} ${named} (not a valid pmcoach session; fix or remove ${n === 1 ? 'it' : 'them'})`;
}

/** Every session that history, stats and export can read; the others are reported once on stderr. */
export function readableSavedSessions(ctx: Context): SessionRecord[] {
  const { sessions, corrupt } = listSessions(ctx.paths);
  const { ok, bad } = readableSessions(sessions);
  const skipped = [...corrupt];
  for (const s of bad) {
    const guess = /^[A-Za-z0-9._-]+$/.test(s.id) ? join(ctx.paths.sessions, `${s.id}.json`) : '';
    skipped.push(guess && existsSync(guess) ? guess : `session "${s.id}"`);
  }
  if (skipped.length > 0) note(ctx, oneLine(skippedLine(skipped.sort())));
  return ok;
}

import { historyRows, type HistoryRow } from '../../history/rows.js';
import type { Context } from '../context.js';
import { colors, note, print, printJson, table } from '../output.js';
import { STAGE_TITLES } from '../../questions/stages.js';
import { sessionPath } from '../../session/files.js';
import { readSessions, resolveRef } from '../../session/read.js';
import { formatDate, plural } from '../../text/format.js';
import { oneLine } from '../../text/sanitize.js';
import { skippedLine } from '../saved.js';
import { usageError } from '../../errors.js';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** One row of `pmcoach sessions --json`: the same element as `pmcoach history --json`, with the file's path. */
export type SessionSummary = HistoryRow & { path: string };

export async function run(ctx: Context): Promise<void> {
  const { sessions, corrupt } = readSessions(ctx.paths);
  if (corrupt.length > 0) note(ctx, oneLine(skippedLine(corrupt)));
  const rows: SessionSummary[] = historyRows(sessions).map((r) => ({ ...r, path: sessionPath(ctx.paths, r.id) }));
  if (ctx.json) return printJson(ctx, rows);
  if (rows.length === 0) {
    print(ctx, 'No sessions yet. Start one with: pmcoach practice');
    return;
  }
  const c = colors(ctx);
  const maxWidth = ctx.stdout.isTTY ? ctx.stdout.columns : null;
  // The id stays whole (resume and rm take it); the date goes first; the question narrows.
  const columns = [{ priority: 4, min: Infinity }, { priority: 1, drop: true }, { priority: 3, min: 12 }, { priority: 2, min: 12 }];
  const open = rows.filter((r) => r.status === 'in-progress');
  const done = rows.filter((r) => r.status === 'finished');
  const out: string[] = [];
  if (open.length > 0) {
    out.push(c.bold(`Unfinished (${open.length})`) + c.dim('  resume with: pmcoach resume <id>'));
    const title = (stage: string): string => (stage === 'followup' ? 'Follow-up' : (STAGE_TITLES[stage as keyof typeof STAGE_TITLES] ?? stage));
    const stage = (r: SessionSummary): string => (r.stage ? `${title(r.stage)} (${r.stagesAnswered}/${r.stageCount} done)` : 'all stages done');
    out.push(table(['ID', 'LAST SAVED', 'STAGE', 'QUESTION'], open.map((r) => [r.id, formatDate(r.updatedAt), stage(r), oneLine(r.title)]), { maxWidth, columns, header: (s) => c.dim(s) }));
  }
  if (done.length > 0) {
    if (out.length) out.push('');
    out.push(c.bold(`Finished (${done.length})`));
    const score = (r: SessionSummary): string => (r.overall === null ? 'not scored' : `${Math.round(r.overall)} ${r.verdict ?? ''}`.trim());
    out.push(table(['ID', 'FINISHED', 'SCORE', 'QUESTION'], done.map((r) => [r.id, formatDate(r.updatedAt), score(r), oneLine(r.title)]), { maxWidth, columns, header: (s) => c.dim(s) }));
  }
  if (open.length > 0) out.push('', c.dim(`${open.length} unfinished; clear with: pmcoach sessions rm --unfinished [--older-than 7d]`));
  print(ctx, out.join('\n'));
}

export interface RemoveOptions {
  unfinished?: boolean;
  /** With --unfinished: "7d", "12h", "30m". */
  olderThan?: string;
  yes?: boolean;
}

/** "7d" / "12h" / "30m" / "2w" in milliseconds; a usage error otherwise. Pure. */
export function parseAge(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|h|d|w)\s*$/i.exec(text);
  if (!m) throw usageError(`--older-than must be an age such as 7d, 12h, 30m or 2w, got "${text}"`);
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2]!.toLowerCase() as 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}

/** `pmcoach sessions rm <id…>` or `--unfinished [--older-than AGE]`: asks first in a terminal unless --yes. */
export async function remove(ctx: Context, refs: string[], opts: RemoveOptions): Promise<void> {
  if (opts.olderThan !== undefined && !opts.unfinished) throw usageError('--older-than goes with --unfinished');
  if (refs.length > 0 && opts.unfinished) throw usageError('give session ids or --unfinished, not both');
  if (refs.length === 0 && !opts.unfinished) throw usageError('name the sessions to remove (pmcoach sessions rm <id>...) or give --unfinished');
  const list = readSessions(ctx.paths);
  let ids: string[];
  if (opts.unfinished) {
    const cutoff = opts.olderThan !== undefined ? Date.now() - parseAge(opts.olderThan) : Infinity;
    ids = list.sessions.filter((s) => s.status === 'in-progress' && Date.parse(s.updatedAt) < cutoff).map((s) => s.id);
  } else ids = [...new Set(refs.map((r) => resolveRef(list, r, { latest: () => true }).id))];
  if (ids.length === 0) {
    if (ctx.json) return printJson(ctx, { removed: [] });
    print(ctx, opts.olderThan ? `No unfinished sessions older than ${opts.olderThan}.` : 'No unfinished sessions.');
    return;
  }
  const what = plural(ids.length, 'session');
  if (!opts.yes) {
    const { canPrompt, confirm } = await import('../prompts/ask.js');
    if (!canPrompt(ctx)) throw usageError(`pmcoach sessions rm asks before it removes ${what}; without a terminal add --yes`);
    const byId = new Map(list.sessions.map((s) => [s.id, s]));
    for (const id of ids.slice(0, 10)) note(ctx, `  ${id}${byId.get(id) ? `  ${oneLine(byId.get(id)!.question.title)}` : ''}`);
    if (ids.length > 10) note(ctx, `  … and ${ids.length - 10} more`);
    if (!(await confirm(ctx, `Remove ${what}? Their transcripts stay.`, { default: false }))) {
      note(ctx, 'Nothing removed.');
      return;
    }
  }
  for (const id of ids) {
    rmSync(sessionPath(ctx.paths, id), { force: true });
    // The drafts an external editor left for it (.<id>.<stage>.md).
    if (existsSync(ctx.paths.sessions)) for (const f of readdirSync(ctx.paths.sessions)) if (f.startsWith(`.${id}.`)) rmSync(join(ctx.paths.sessions, f), { force: true });
  }
  if (ctx.json) return printJson(ctx, { removed: ids });
  print(ctx, `Removed ${what}: ${ids.join(', ')}`);
}

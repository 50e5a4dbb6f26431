import type { Context } from '../context.js';
import { readableSavedSessions } from '../saved.js';
import { historyRows, shortId, type HistoryRow } from '../../history/rows.js';
import { formatDate } from '../../text/format.js';
import { oneLine } from '../../text/sanitize.js';
import { colors, print, printJson, table } from '../output.js';
import { verdictColor } from '../verdict-color.js';

/** Rows shown in the table when --limit is not given (--json prints every session unless limited). */
export const DEFAULT_TABLE_LIMIT = 20;

function judgeCell(row: HistoryRow): string {
  if (row.judge === null) return '';
  return oneLine(row.judge) === 'offline estimate' ? 'offline' : oneLine(row.judge).replace(/ at .*$/, '');
}

export async function run(ctx: Context, opts: { limit?: number; question?: string }): Promise<void> {
  // --question: the attempts at one question (retry and compare).
  const rows = historyRows(readableSavedSessions(ctx)).filter((r) => opts.question === undefined || r.questionId === opts.question);
  if (ctx.json) return printJson(ctx, opts.limit ? rows.slice(0, opts.limit) : rows);
  if (rows.length === 0) {
    print(ctx, opts.question ? `No attempts at ${oneLine(opts.question)} yet. Practise it with: pmcoach practice ${oneLine(opts.question)}` : 'No sessions yet. Start one with: pmcoach practice');
    return;
  }
  const c = colors(ctx);
  const shown = rows.slice(0, opts.limit ?? DEFAULT_TABLE_LIMIT);
  const paintVerdict = (v: string): string => verdictColor(v, c)(v);
  const cells = shown.map((r) => [
    formatDate(r.date),
    oneLine(shortId(r.id)),
    r.overall === null ? '—' : String(r.overall),
    r.status !== 'finished' ? c.dim('unfinished') : r.verdict === null ? c.dim('not scored') : paintVerdict(r.verdict),
    judgeCell(r),
    oneLine(r.title || r.questionId),
  ]);
  print(
    ctx,
    table(['DATE', 'ID', 'OVERALL', 'VERDICT', 'JUDGE', 'QUESTION'], cells, {
      maxWidth: ctx.stdout.isTTY ? ctx.stdout.columns : null,
      header: (s) => c.bold(s),
      // The id stays whole; the judge goes first, then the date; the question narrows.
      columns: [{ priority: 1, drop: true }, { priority: 5, min: Infinity }, { priority: 4, min: Infinity }, { priority: 3 }, { priority: 0, drop: true }, { priority: 2, min: 12 }],
    }),
  );
  const more = rows.length > shown.length ? `; --limit ${rows.length} shows all` : '';
  print(ctx, c.dim(`${shown.length} of ${rows.length} session${rows.length === 1 ? '' : 's'}${more}. Read one with: pmcoach export <id>`));
}

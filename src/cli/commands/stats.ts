import type { Context } from '../context.js';
import { readableSavedSessions } from '../saved.js';
import { computeStats, type Stats } from '../../history/stats.js';
import { bar, trendLabel } from '../../history/spark.js';
import { formatDate, formatScore, plural } from '../../text/format.js';
import { oneLine } from '../../text/sanitize.js';
import { colors, print, printJson, table } from '../output.js';

export async function run(ctx: Context, opts: { last?: number }): Promise<void> {
  const stats = computeStats(readableSavedSessions(ctx), { today: new Date(), last: opts.last ?? 10 });
  if (ctx.json) return printJson(ctx, stats);
  print(ctx, renderStats(stats, ctx));
}

function streakLine(s: Stats['streak']): string {
  const longest = s.longest > 0 ? `; longest ${plural(s.longest, 'day')}` : '';
  if (s.current === 0) return `Streak: none${s.lastDay ? ` (last practice ${s.lastDay})` : ''}${longest}`;
  return `Streak: ${plural(s.current, 'day')}${s.practisedToday ? ', practised today' : ', practise today to keep it'}${longest}`;
}

export function renderStats(stats: Stats, ctx: Pick<Context, 'colorLevel'> & { stdout?: { isTTY?: boolean; columns?: number } }): string {
  const c = colors(ctx);
  const width = ctx.stdout?.isTTY ? (ctx.stdout.columns ?? 80) : null;
  const lines: string[] = [];
  if (!stats.overall) {
    lines.push(
      stats.sessions.total === 0
        ? 'No sessions yet. Start one with: pmcoach practice'
        : `No scored sessions yet (${plural(stats.sessions.total, 'session')} saved). Finish a practice session or grade answer files to see progress.`,
    );
    lines.push(streakLine(stats.streak));
    return lines.join('\n');
  }
  const n = stats.sessions.window;
  lines.push(c.bold(`Progress over the last ${plural(n, 'scored session')}`) + c.dim(` (of ${stats.sessions.scored} scored, ${stats.sessions.total} saved)`), '');
  const rows = stats.criteria.map((k) => {
    const weakest = stats.weakest?.id === k.id;
    const name = oneLine(k.title || k.id);
    return [
      weakest ? c.red(name) : name,
      formatScore(k.average),
      c.cyan(bar(k.average, 0, 5, 10)),
      trendLabel(k.trend, 0.25),
      c.cyan(k.spark),
    ];
  });
  const o = stats.overall;
  rows.push([c.bold('Overall'), String(Math.round(o.average)), c.cyan(bar(o.average, 0, 100, 10)), trendLabel(o.trend, 5, 0), c.cyan(o.spark)]);
  lines.push(table(['CRITERION', 'AVG', '', 'TREND', `LAST ${n}`], rows, { maxWidth: width, header: (s) => c.bold(s), columns: [{ priority: 4, min: 12 }, { priority: 4 }, { priority: 1, drop: true }, { priority: 2 }, { priority: 0, drop: true }] }), '');
  if (stats.weakest) {
    lines.push(`Weakest: ${c.red(oneLine(stats.weakest.title))} (${formatScore(stats.weakest.average)} on average). Work on it: pmcoach practice --focus weak`);
  }
  lines.push(streakLine(stats.streak));
  if (stats.retry.length > 0) {
    lines.push('', c.bold('Worth a retry:'));
    const retry = stats.retry.map((r) => [oneLine(r.questionId), `${r.lastOverall}/100`, formatDate(r.lastDate).slice(0, 10), oneLine(r.weak.length ? `weak: ${r.weak.map((w) => `${w.title} (${formatScore(w.score)})`).join(', ')}` : 'low overall')]);
    lines.push(...table(['QUESTION', 'LAST', 'ON', 'WHY'], retry, { maxWidth: width === null ? null : width - 2, header: (s) => c.dim(s), columns: [{ priority: 3, min: Infinity }, { priority: 2 }, { priority: 0, drop: true }, { priority: 1, min: 12 }] }).split('\n').map((l) => '  ' + l));
    lines.push(c.dim(`  Retry one with: pmcoach practice ${oneLine(stats.retry[0]!.questionId)}`));
  }
  return lines.join('\n');
}

import type { SessionRecord } from '../session/types.js';
import { dayKey } from '../text/format.js';
import { scoredChronological } from './rows.js';
import { round, sparkline, trend } from './spark.js';
import { computeStreak, type Streak } from './streak.js';
import { retrySuggestions, type RetrySuggestion } from './retry.js';

/** What `pmcoach stats` shows, computed from sessions with an injected "today". Pure. */
export interface CriterionStats {
  id: string;
  title: string;
  /** Mean over the sessions in the window that scored this criterion. */
  average: number;
  count: number;
  latest: number | null;
  /** Change across the window from a fitted line (1-5 scale); positive is better. */
  trend: number;
  /** One value per session in the window, oldest first (null where it was not scored on it). */
  series: Array<number | null>;
  spark: string;
}

export interface Stats {
  schemaVersion: 1;
  kind: 'pmcoach.stats';
  sessions: { total: number; finished: number; scored: number; window: number };
  overall: { average: number; trend: number; latest: number; series: number[]; spark: string } | null;
  criteria: CriterionStats[];
  weakest: { id: string; title: string; average: number } | null;
  streak: Streak;
  retry: RetrySuggestion[];
}

export interface StatsOptions {
  today: Date;
  /** How many of the latest scored sessions the averages and trends cover (default 10). */
  last?: number;
  timeZone?: string;
}

export function computeStats(sessions: readonly SessionRecord[], options: StatsOptions): Stats {
  const scored = scoredChronological(sessions);
  const window = scored.slice(-(options.last ?? 10));
  const ids: Array<{ id: string; title: string }> = [];
  // Rubric order, as the latest session lists it, then any criterion only older sessions had.
  for (const s of [...window].reverse()) for (const c of s.score.criteria) if (!ids.some((x) => x.id === c.id)) ids.push({ id: c.id, title: c.title });
  const criteria: CriterionStats[] = ids.map(({ id, title }) => {
    const series = window.map((s) => s.score.criteria.find((c) => c.id === id)?.score ?? null);
    const known = series.filter((v): v is number => v !== null);
    return {
      id,
      title,
      average: round(known.reduce((a, b) => a + b, 0) / known.length),
      count: known.length,
      latest: [...series].reverse().find((v) => v !== null) ?? null,
      trend: round(trend(series)),
      series,
      spark: sparkline(series, 1, 5),
    };
  });
  const weakestC = [...criteria].sort((a, b) => a.average - b.average || a.trend - b.trend || a.id.localeCompare(b.id))[0];
  const overallSeries = window.map((s) => s.score.overall);
  const finished = sessions.filter((s) => s.status === 'finished');
  const days = finished.map((s) => dayKey(s.createdAt, options.timeZone)).filter((d): d is string => d !== undefined);
  return {
    schemaVersion: 1,
    kind: 'pmcoach.stats',
    sessions: { total: sessions.length, finished: finished.length, scored: scored.length, window: window.length },
    overall:
      window.length === 0
        ? null
        : {
            average: round(overallSeries.reduce((a, b) => a + b, 0) / overallSeries.length, 1),
            trend: round(trend(overallSeries), 1),
            latest: overallSeries[overallSeries.length - 1]!,
            series: overallSeries,
            spark: sparkline(overallSeries, 0, 100),
          },
    criteria,
    weakest: weakestC ? { id: weakestC.id, title: weakestC.title, average: weakestC.average } : null,
    streak: computeStreak(days, options.today, options.timeZone),
    retry: retrySuggestions(sessions, { today: options.today, timeZone: options.timeZone }),
  };
}

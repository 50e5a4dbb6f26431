import type { SessionRecord } from '../session/types.js';
import type { Verdict } from '../scoring/types.js';
import { weakestCriterion } from '../scoring/overall.js';
import { timeTotals } from '../session/time.js';

/** One line of `pmcoach history` (and its --json element). Pure. */
export interface HistoryRow {
  id: string;
  date: string;
  status: SessionRecord['status'];
  origin: string;
  questionId: string;
  title: string;
  candidate: string | null;
  overall: number | null;
  verdict: Verdict | null;
  judge: string | null;
  weakest: { id: string; title: string; score: number } | null;
  secondsUsed: number;
  overtimeSeconds: number;
}

/** Newest first, whatever order they came in. */
export function historyRows(sessions: readonly SessionRecord[]): HistoryRow[] {
  return [...sessions]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
    .map((s) => {
      const w = weakestCriterion(s.score);
      const t = timeTotals(s);
      return {
        id: s.id,
        date: s.createdAt,
        status: s.status,
        origin: s.origin,
        questionId: s.question.id,
        title: s.question.title,
        candidate: s.candidate ?? null,
        overall: s.score?.overall ?? null,
        verdict: s.score?.verdict ?? null,
        judge: s.score?.judge.label ?? null,
        weakest: w ? { id: w.id, title: w.title, score: w.score } : null,
        secondsUsed: t.secondsUsed,
        overtimeSeconds: t.overtimeSeconds,
      };
    });
}

/**
 * A short id for tables: `20261127-231405-ab12` from `20261127-231405-ab12-amazon-...` (any unique
 * prefix works with export). Ids of another form are shown whole.
 */
export function shortId(id: string): string {
  const m = /^(\d{8}-\d{6}-[a-z0-9]{4})-/.exec(id);
  return m ? m[1]! : id;
}

/** Finished and scored, oldest first: what stats and focus learn from. */
export function scoredChronological(sessions: readonly SessionRecord[]): Array<SessionRecord & { score: NonNullable<SessionRecord['score']> }> {
  return sessions
    .filter((s): s is SessionRecord & { score: NonNullable<SessionRecord['score']> } => s.status === 'finished' && s.score !== undefined)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

import type { SessionRecord } from '../session/types.js';
import type { Verdict } from '../scoring/types.js';
import { weakestCriterion } from '../scoring/overall.js';
import { timeTotals } from '../session/time.js';

/**
 * One session in a list: a line of `pmcoach history` and `pmcoach sessions`, and the one --json element both
 * print (with `path` added where the file is known). Pure.
 */
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
  updatedAt: string;
  /** The stage a resume continues at ("followup" for the push-back); null once finished. */
  stage: string | null;
  /** Stages submitted with text in them (an empty stage is not answered). */
  stagesAnswered: number;
  stageCount: number;
}

/** Where a resume of this session continues: the first stage not done, or the push-back still open. */
function resumeStage(s: SessionRecord): string | null {
  if (s.status === 'finished') return null;
  const at = s.stages.find((x) => x.status === 'active' || x.status === 'pending');
  if (at) return at.id;
  const f = s.followup;
  return f !== undefined && f.status !== 'done' && f.status !== 'skipped' ? 'followup' : null;
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
        updatedAt: s.updatedAt,
        stage: resumeStage(s),
        stagesAnswered: s.stages.filter((x) => x.status === 'done' && x.text.trim() !== '').length,
        stageCount: s.stages.length,
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

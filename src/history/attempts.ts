import type { SessionRecord } from '../session/types.js';
import type { ScoreResult } from '../scoring/types.js';
import { scoredChronological } from './rows.js';

/**
 * Earlier attempts at one question, and how an attempt compares with them: the change per criterion against
 * the previous attempt and the best one. Pure: `list`, `history --question` and the end of practice use it.
 */

export interface QuestionRecord {
  attempts: number;
  best: number;
  last: number;
  lastDate: string;
}

/** Per question id: how often it was scored, the best and the last overall, and when. */
export function questionRecords(sessions: readonly SessionRecord[]): Map<string, QuestionRecord> {
  const out = new Map<string, QuestionRecord>();
  for (const s of scoredChronological(sessions)) {
    const r = out.get(s.question.id);
    out.set(s.question.id, { attempts: (r?.attempts ?? 0) + 1, best: Math.max(r?.best ?? 0, s.score.overall), last: s.score.overall, lastDate: s.createdAt });
  }
  return out;
}

/** Scored attempts at a question, oldest first, without the session `except` (the one being compared). */
export function attemptsAt(sessions: readonly SessionRecord[], questionId: string, except?: string): Array<SessionRecord & { score: ScoreResult }> {
  return scoredChronological(sessions).filter((s) => s.question.id === questionId && s.id !== except);
}

export interface CriterionChange {
  id: string;
  title: string;
  score: number;
  /** Against the previous attempt and the best one; undefined when there is none to compare with. */
  vsPrevious?: number;
  vsBest?: number;
}

export interface AttemptComparison {
  previous?: { overall: number; date: string };
  best?: { overall: number; date: string };
  overall: { score: number; vsPrevious?: number; vsBest?: number };
  criteria: CriterionChange[];
}

/** How `current` compares with the earlier attempts (the best is the highest overall among them). */
export function compareAttempt(current: ScoreResult, earlier: ReadonlyArray<SessionRecord & { score: ScoreResult }>): AttemptComparison {
  const previous = earlier.at(-1);
  const best = earlier.reduce<(typeof earlier)[number] | undefined>((b, s) => (!b || s.score.overall > b.score.overall ? s : b), undefined);
  const scoreOf = (s: (typeof earlier)[number] | undefined, id: string): number | undefined => s?.score.criteria.find((c) => c.id === id)?.score;
  const delta = (now: number, then: number | undefined): number | undefined => (then === undefined ? undefined : Math.round((now - then) * 10) / 10);
  return {
    ...(previous ? { previous: { overall: previous.score.overall, date: previous.createdAt } } : {}),
    ...(best ? { best: { overall: best.score.overall, date: best.createdAt } } : {}),
    overall: { score: current.overall, vsPrevious: delta(current.overall, previous?.score.overall), vsBest: delta(current.overall, best?.score.overall) },
    criteria: current.criteria.map((c) => ({ id: c.id, title: c.title, score: c.score, vsPrevious: delta(c.score, scoreOf(previous, c.id)), vsBest: delta(c.score, scoreOf(best, c.id)) })),
  };
}

/** ▲ +1, ▼ -1, = 0; empty when there is nothing to compare with. */
export function changeMark(d: number | undefined): string {
  if (d === undefined) return '';
  if (d > 0) return `▲ +${d}`;
  if (d < 0) return `▼ ${d}`;
  return '= 0';
}

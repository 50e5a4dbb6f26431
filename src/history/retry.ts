import type { SessionRecord } from '../session/types.js';
import { dayKey } from '../text/format.js';
import { daysBetween } from './streak.js';
import { scoredChronological } from './rows.js';

/** A question worth another go: its latest score was low or had weak criteria. Pure. */
export interface RetrySuggestion {
  questionId: string;
  title: string;
  lastOverall: number;
  lastDate: string;
  attempts: number;
  weak: Array<{ id: string; title: string; score: number }>;
  reason: string;
}

export interface RetryOptions {
  today: Date;
  timeZone?: string;
  /** An overall score under this is low (default 60). */
  below?: number;
  /** A criterion at or under this is weak (default 2). */
  weakAt?: number;
  /** A question retried (2+ attempts) within this many days is left alone for now (default 3). */
  cooldownDays?: number;
  limit?: number;
}

export function retrySuggestions(sessions: readonly SessionRecord[], options: RetryOptions): RetrySuggestion[] {
  const below = options.below ?? 60;
  const weakAt = options.weakAt ?? 2;
  const cooldown = options.cooldownDays ?? 3;
  const todayKey = dayKey(options.today, options.timeZone)!;
  const byQuestion = new Map<string, ReturnType<typeof scoredChronological>>();
  for (const s of scoredChronological(sessions)) {
    const list = byQuestion.get(s.question.id) ?? [];
    list.push(s);
    byQuestion.set(s.question.id, list);
  }
  const out: RetrySuggestion[] = [];
  for (const [questionId, attempts] of byQuestion) {
    const last = attempts[attempts.length - 1]!;
    const weak = last.score.criteria.filter((c) => c.score <= weakAt).map((c) => ({ id: c.id, title: c.title, score: c.score }));
    const low = last.score.overall < below;
    if (!low && weak.length === 0) continue;
    const lastDay = dayKey(last.createdAt, options.timeZone) ?? todayKey;
    if (attempts.length >= 2 && daysBetween(lastDay, todayKey) < cooldown) continue;
    const why = [low ? `${last.score.overall}/100` : '', weak.length ? `weak: ${weak.map((w) => `${w.title} (${w.score})`).join(', ')}` : ''].filter(Boolean);
    out.push({ questionId, title: last.question.title, lastOverall: last.score.overall, lastDate: last.createdAt, attempts: attempts.length, weak, reason: why.join('; ') });
  }
  out.sort((a, b) => a.lastOverall - b.lastOverall || a.lastDate.localeCompare(b.lastDate) || a.questionId.localeCompare(b.questionId));
  return out.slice(0, options.limit ?? 5);
}

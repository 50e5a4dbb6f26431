import { dayKey } from '../text/format.js';

/** Practice streak from the days (`YYYY-MM-DD`) that had a finished session. Pure. */
export interface Streak {
  /** Consecutive days ending today, or yesterday when today has none yet (0 otherwise). */
  current: number;
  longest: number;
  /** The most recent day with a finished session. */
  lastDay: string | null;
  practisedToday: boolean;
}

export function previousDay(key: string): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** Whole days from day `a` to day `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

export function computeStreak(days: Iterable<string>, today: Date, timeZone?: string): Streak {
  const set = new Set(days);
  const sorted = [...set].sort();
  const todayKey = dayKey(today, timeZone)!;
  let longest = 0;
  let run = 0;
  let prev: string | undefined;
  for (const day of sorted) {
    run = prev !== undefined && previousDay(day) === prev ? run + 1 : 1;
    longest = Math.max(longest, run);
    prev = day;
  }
  let cursor = set.has(todayKey) ? todayKey : previousDay(todayKey);
  let current = 0;
  while (set.has(cursor)) {
    current += 1;
    cursor = previousDay(cursor);
  }
  return { current, longest, lastDay: sorted[sorted.length - 1] ?? null, practisedToday: set.has(todayKey) };
}

import type { CriterionScore } from './types.js';

/** The middle value (the mean of the two middle values for an even count). Pure. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Lowest and highest. Pure. */
export function spreadOf(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

/** A spread wider than one level says the judge is unsure about this criterion. */
export const SPREAD_LIMIT = 1;

/**
 * Combines several scorings of the same rubric: the median per criterion, the spread beside it (flagged when
 * wider than one level), and the evidence, rationale and suggestion of the sample closest to the median. Pure.
 */
export function combineSamples(samples: ReadonlyArray<readonly CriterionScore[]>): CriterionScore[] {
  const first = samples[0];
  if (!first) return [];
  if (samples.length === 1) return first.map((c) => ({ ...c }));
  return first.map((c) => {
    const all = samples.map((s) => s.find((x) => x.id === c.id)).filter((x): x is CriterionScore => x !== undefined);
    const scores = all.map((x) => x.score);
    const mid = median(scores);
    const spread = spreadOf(scores);
    const closest = [...all].sort((a, b) => Math.abs(a.score - mid) - Math.abs(b.score - mid))[0] ?? c;
    const flags = [...closest.flags];
    if (spread[1] - spread[0] > SPREAD_LIMIT) flags.push(`samples disagree: scores spread ${spread[0]}-${spread[1]}`);
    return { ...closest, score: mid, spread, flags };
  });
}

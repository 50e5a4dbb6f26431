import { VERDICTS, type CriterionScore, type ScoreResult, type Verdict } from './types.js';
import { DEFAULT_LEVEL, LEVEL_BANDS, type Bands, type Level } from './levels.js';

/**
 * 0 to 100 from the weights: each criterion's 1-5 score maps to 0-100 ((s - 1) / 4), and the weighted
 * mean is rounded to a whole number. Computed here, never by a model. Pure.
 */
export function overallScore(criteria: ReadonlyArray<Pick<CriterionScore, 'score' | 'weight'>>): number {
  let total = 0;
  let weights = 0;
  for (const c of criteria) {
    if (!(c.weight > 0)) continue;
    const s = Math.min(5, Math.max(1, c.score));
    total += c.weight * ((s - 1) / 4);
    weights += c.weight;
  }
  if (weights === 0) return 0;
  return Math.round((total / weights) * 100);
}

/**
 * The band an overall score falls in, for a level (default PM: all 3s, 50, is a lean hire; all 4s, 75, a
 * hire). A rubric may set its own bands per level (`verdict_bands:`). Pure.
 */
export function verdictFor(overall: number, level: Level = DEFAULT_LEVEL, rubricBands?: Partial<Record<Level, Bands>>): Verdict {
  const bands = rubricBands?.[level] ?? LEVEL_BANDS[level];
  let verdict: Verdict = VERDICTS[0];
  for (const v of VERDICTS.slice(1) as Array<keyof Bands>) if (overall >= bands[v]) verdict = v;
  return verdict;
}

/** The verdict and level for a judge's result: the input's level (default pm) and its rubric's bands. Pure. */
export function verdictOf(overall: number, input: { level?: Level; rubric: { verdict_bands?: Partial<Record<Level, Bands>> } }): { verdict: Verdict; level: Level } {
  const level = input.level ?? DEFAULT_LEVEL;
  return { verdict: verdictFor(overall, level, input.rubric.verdict_bands), level };
}

/** Weights as whole percentages that add up to 100 (largest remainder), for display. Pure. */
export function weightPercents(weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (Math.max(0, w) / sum) * 100);
  const floors = exact.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
}

/**
 * The criterion that holds the verdict back: the one whose improvement to full marks would raise the overall
 * most (its weight times the levels it is short of 5), the lower score first on a tie, then rubric order.
 * Undefined when every criterion is at 5. Pure.
 */
export function limitingCriterion(criteria: ReadonlyArray<Pick<CriterionScore, 'id' | 'score' | 'weight'>>): string | undefined {
  let best: { id: string; gain: number; score: number } | undefined;
  for (const c of criteria) {
    if (!(c.weight > 0)) continue;
    const score = Math.min(5, Math.max(1, c.score));
    const gain = c.weight * (5 - score);
    if (gain <= 0) continue;
    if (!best || gain > best.gain || (gain === best.gain && score < best.score)) best = { id: c.id, gain, score };
  }
  return best?.id;
}

/** The lowest-scoring criterion (ties: the heavier, then by id), or undefined without a score. Pure. */
export function weakestCriterion(score: Pick<ScoreResult, 'criteria'> | undefined): CriterionScore | undefined {
  if (!score || score.criteria.length === 0) return undefined;
  return [...score.criteria].sort((a, b) => a.score - b.score || b.weight - a.weight || a.id.localeCompare(b.id))[0];
}

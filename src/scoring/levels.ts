import type { Verdict } from './types.js';

/**
 * The level a candidate is interviewing for. The same answer is judged against that level's expectations:
 * the verdict bands move (a 70 is a hire for an APM and a lean hire for a staff PM), and the LLM judge is told
 * what the level changes. The rubric file may restate the bands (`verdict_bands:`); these are the defaults.
 */
import { LEVELS, type Level } from '../config/file.js';

export { LEVELS, type Level };
export const DEFAULT_LEVEL: Level = 'pm';

export const LEVEL_TITLES: Record<Level, string> = {
  apm: 'associate PM',
  pm: 'PM',
  senior: 'senior PM',
  staff: 'staff PM',
};

/** Lower bounds (0-100) of each verdict above "strong no hire", per level. */
export type Bands = Record<Exclude<Verdict, 'strong no hire'>, number>;

export const LEVEL_BANDS: Record<Level, Bands> = {
  apm: { 'no hire': 20, 'lean hire': 40, hire: 60, 'strong hire': 78 },
  pm: { 'no hire': 25, 'lean hire': 50, hire: 70, 'strong hire': 85 },
  senior: { 'no hire': 30, 'lean hire': 55, hire: 75, 'strong hire': 88 },
  staff: { 'no hire': 35, 'lean hire': 60, hire: 80, 'strong hire': 92 },
};

/** What the LLM judge is told about the level (what a strong answer at that level adds, and what it need not). */
export const LEVEL_EXPECTATIONS: Record<Level, string> = {
  apm: 'An associate PM (entry level): expect sound structure, a clear metric and a testable plan; do not fail the answer for lacking second-order effects, a rollout plan or organisational trade-offs.',
  pm: 'A PM: expect every stage covered concretely, a precise primary metric with guardrails, a falsifiable experiment and a committed recommendation with its cost and a revisit trigger.',
  senior: 'A senior PM: on top of the PM bar, expect second-order effects (on other teams, the ecosystem, long-term trust), a staged rollout plan with guardrails, and explicit prioritisation among stakeholders.',
  staff: 'A staff PM: on top of the senior bar, expect strategy beyond this feature (portfolio, competition, precedent the decision sets), how the organisation would execute it, and how the call changes under different assumptions.',
};

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/** "hire for a PM": the verdict with the level it was judged for (scores from before levels were judged as pm). */
export function verdictAtLevel(score: { verdict: Verdict; level?: Level }): string {
  const title = LEVEL_TITLES[score.level ?? DEFAULT_LEVEL];
  return `${score.verdict} for ${/^[aeiou]/i.test(title) ? 'an' : 'a'} ${title}`;
}

import type { Question, Rubric } from '../questions/schema.js';
import { STAGE_IDS, type StageId } from '../questions/stages.js';
import { rubricOrNone } from '../scoring/rubric.js';

/** What a strong stage covers when no rubric says so: two or three short lines each. */
export const BUILTIN_GUIDANCE: Record<StageId, readonly string[]> = {
  clarifying: [
    'Ask the few questions that would change your answer: goal, time horizon, users, scope, constraints.',
    'State an assumption for whatever stays unknown.',
  ],
  stakeholders: [
    'Name the specific groups on each side of the trade-off and what each gains or loses.',
    'Say whose interest weighs most, and why.',
  ],
  metrics: [
    'One primary metric, defined precisely: what is counted, for whom, over what window.',
    'Guardrails with thresholds for the side that could be hurt.',
  ],
  experiments: [
    'A falsifiable hypothesis, control and treatment, segment, duration or sample size.',
    'Success and stop criteria, and a holdout for long-term effects.',
  ],
  recommendation: [
    'Commit to a decision and say plainly what it gives up.',
    'Mitigations for that cost, and a number or date that would make you revisit it.',
  ],
};

/**
 * Guidance for a stage: what the top level (5) of each rubric criterion aimed at this stage describes,
 * or the built-in lines when the rubric has none. At most three entries. Pure.
 */
export function stageGuidance(stage: StageId, rubric: Rubric | undefined): string[] {
  const aimed = (rubric?.criteria ?? []).filter((c) => c.stages?.includes(stage));
  if (aimed.length === 0) return [...BUILTIN_GUIDANCE[stage]];
  return aimed.slice(0, 3).map((c) => (aimed.length > 1 ? `${c.title}: ${c.levels[5]}` : c.levels[5]));
}

/** Guidance for every stage of a question. */
export function guidanceFor(question: Question, rubrics: readonly Rubric[]): Record<StageId, string[]> {
  // No rubric loaded: the built-in guidance still helps; scoring reports the missing rubric itself.
  const rubric = rubricOrNone(question, rubrics);
  return Object.fromEntries(STAGE_IDS.map((s) => [s, stageGuidance(s, rubric)])) as Record<StageId, string[]>;
}

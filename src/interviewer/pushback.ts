import type { Question, Rubric } from '../questions/schema.js';
import { STAGE_IDS, type StageId } from '../questions/stages.js';
import type { SessionRecord } from '../session/types.js';
import { scoreInputFromSession } from '../session/score-input.js';
import { referenceStages } from '../scoring/offline/criteria.js';
import { scoreOffline } from '../scoring/offline/judge.js';
import { contentStems } from '../scoring/offline/text.js';

/**
 * The offline push-back: the question's `follow_ups` entry closest to the stage where the candidate's answer is
 * weakest. The weakest stage comes from the offline judge's reading of the answer; closeness from each
 * stage's words (the question's reference points for it, and a short list of words every such question
 * uses), weighted by how few stages share a word. Pure.
 */

/** Words that mark a follow-up as being about a stage, whatever the question. */
const STAGE_WORDS: Record<StageId, string> = {
  clarifying: 'assume assumption scope goal segment market region define definition constraint horizon timeline which',
  stakeholders:
    'who stakeholder user customer partner team journalist press media regulator explain communicate tell trust complain complaint angry backlash react reaction loses',
  metrics: 'metric measure rate drop drops fall rise percent number guardrail retention revenue conversion completion dashboard signal track kpi',
  experiments: 'test experiment result results data evidence pilot holdout rollout inconclusive significant sample adapt learn early',
  recommendation: 'recommend recommendation fund margin cost pay decide decision launch ship instead reverse revisit commit budget would defend change mind',
};

export interface FollowUpPick {
  q: string;
  /** The stage the candidate's answer was weakest in, which the follow-up probes. */
  stage: StageId;
}

/** Per stage, how the offline judge rated the answer there (1-5; the lowest criterion reading that stage). */
export function stageScores(session: SessionRecord, rubric: Rubric): Partial<Record<StageId, { score: number; weight: number }>> {
  const result = scoreOffline(scoreInputFromSession(session, rubric), new Date(0));
  const out: Partial<Record<StageId, { score: number; weight: number }>> = {};
  for (const c of rubric.criteria) {
    const scored = result.criteria.find((x) => x.id === c.id);
    if (!scored) continue;
    for (const stage of referenceStages(c)) {
      const prev = out[stage];
      if (!prev || scored.score < prev.score || (scored.score === prev.score && c.weight > prev.weight)) out[stage] = { score: scored.score, weight: c.weight };
    }
  }
  return out;
}

/** Stages from weakest to strongest: lower score first, then the heavier criterion, then the framework's order. */
export function weakestStages(scores: Partial<Record<StageId, { score: number; weight: number }>>): StageId[] {
  return STAGE_IDS.filter((s) => scores[s] !== undefined).sort((a, b) => scores[a]!.score - scores[b]!.score || scores[b]!.weight - scores[a]!.weight || STAGE_IDS.indexOf(a) - STAGE_IDS.indexOf(b));
}

/** How close each follow-up is to each stage. */
export function stageAffinity(question: Pick<Question, 'reference' | 'follow_ups'>): Array<Record<StageId, number>> {
  const terms = Object.fromEntries(
    STAGE_IDS.map((s) => {
      const weights = new Map<string, number>();
      for (const t of contentStems(STAGE_WORDS[s])) weights.set(t, 1);
      for (const point of question.reference[s] ?? []) for (const t of contentStems(point)) weights.set(t, 2);
      return [s, weights];
    }),
  ) as Record<StageId, Map<string, number>>;
  const spread = (t: string): number => STAGE_IDS.filter((s) => terms[s].has(t)).length;
  return question.follow_ups.map((f) => {
    const stems = [...new Set(contentStems(f))];
    return Object.fromEntries(
      STAGE_IDS.map((s) => [s, Math.round(stems.reduce((a, t) => a + (terms[s].get(t) ?? 0) * Math.log(1 + STAGE_IDS.length / Math.max(1, spread(t))), 0) * 1000) / 1000]),
    ) as Record<StageId, number>;
  });
}

/**
 * The follow-up to ask: the one closest to the weakest stage (the next weakest when none is close to it,
 * the first one when none is close to any). Undefined when the question has no follow-ups.
 */
export function pickFollowUp(question: Pick<Question, 'reference' | 'follow_ups'>, weakest: readonly StageId[]): FollowUpPick | undefined {
  if (question.follow_ups.length === 0) return undefined;
  const affinity = stageAffinity(question);
  for (const stage of weakest) {
    let best = -1;
    affinity.forEach((a, i) => {
      if (a[stage] > 0 && (best < 0 || a[stage] > affinity[best]![stage])) best = i;
    });
    if (best >= 0) return { q: question.follow_ups[best]!, stage };
  }
  return { q: question.follow_ups[0]!, stage: weakest[0] ?? 'recommendation' };
}

/** The offline push-back for a finished answer (without a rubric: the question's first follow-up). */
export function offlinePushBack(session: SessionRecord, rubric: Rubric | undefined): FollowUpPick | undefined {
  return pickFollowUp(session.question, rubric ? weakestStages(stageScores(session, rubric)) : []);
}

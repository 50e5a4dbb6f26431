import type { StageId } from '../../questions/stages.js';
import { candidateText } from '../input.js';
import { graderAddressed, isNearEmpty, wordCount } from '../injection.js';
import { overallScore, verdictFor } from '../overall.js';
import { oneLine } from '../../text/sanitize.js';
import type { CriterionScore, Judge, JudgeInfo, ScoreInput, ScoreResult } from '../types.js';
import { judgeCriterion, levelFor, type CriterionText } from './criteria.js';

export { levelFor } from './criteria.js';
import { distinct, questionModel, readText, type Scored } from './signals.js';

export const OFFLINE_INFO: JudgeInfo = { kind: 'offline', label: 'offline estimate' };

/** The minimum for every criterion, with a reason: what a judge gives an answer with nothing in it. */
export function minimumScores(input: ScoreInput, reason: string, suggestion: string): CriterionScore[] {
  return input.rubric.criteria.map((c) => ({ id: c.id, title: c.title, weight: c.weight, score: 1, evidence: [], rationale: reason, suggestion, flags: [] }));
}

export function emptyAnswerReason(input: ScoreInput): string {
  const n = wordCount(candidateText(input));
  return n === 0 ? 'The answer is empty.' : `The answer is nearly empty (${n} word${n === 1 ? '' : 's'}).`;
}

export const EMPTY_SUGGESTION = 'Answer every stage in a few specific sentences: questions, stakeholders, metrics, an experiment and a recommendation.';

/**
 * Scores the rubric from what the answer contains: reference points covered, substance and structure signals.
 * Deterministic: the same input always gives the same result. Text addressed to the grader is ignored. Pure.
 */
export function scoreOffline(input: ScoreInput, now: Date): ScoreResult {
  const all = candidateText(input);
  const addressed = graderAddressed(all);
  const notes: string[] = [];
  if (addressed.length > 0) notes.push(`Text addressed to the grader was ignored: "${oneLine(addressed[0]!).slice(0, 80)}"`);
  const base = { rubricId: input.rubric.id, judge: OFFLINE_INFO, samples: 1, injectionSuspected: addressed.length > 0, notes, scoredAt: now.toISOString() };

  if (isNearEmpty(all)) {
    const criteria = minimumScores(input, emptyAnswerReason(input), EMPTY_SUGGESTION);
    return { ...base, criteria, overall: overallScore(criteria), verdict: verdictFor(overallScore(criteria)) };
  }

  const model = questionModel(input.question);
  const drop = new Set(addressed);
  const read = (text: string): Scored[] => readText(text, model).filter((s) => !drop.has(s.text));
  const byStage: Partial<Record<StageId, Scored[]>> = {};
  const stageText: Partial<Record<StageId, string>> = {};
  for (const a of input.answers) {
    stageText[a.id] = [stageText[a.id], a.text].filter(Boolean).join('\n');
    byStage[a.id] = [...(byStage[a.id] ?? []), ...read(a.text)];
  }
  const askedSentences = read(input.asked.map((e) => (/[?]\s*$/.test(e.q) ? e.q : `${e.q}?`)).join('\n'));
  const followup = input.followup ? read(input.followup.answer) : [];
  const everything = [...askedSentences, ...Object.values(byStage).flat(), ...followup];

  const criteria: CriterionScore[] = input.rubric.criteria.map((c) => {
    const stages = c.stages && c.stages.length > 0 ? c.stages : undefined;
    const sentences = stages ? stages.flatMap((st) => byStage[st] ?? []) : everything;
    // The questions put to the interviewer count where the clarifying stage does; the answer to the push-back
    // (defending or adapting the call) counts where the recommendation does.
    const withAsked = stages?.includes('clarifying') ? [...askedSentences, ...sentences] : sentences;
    const withFollowup = stages?.includes('recommendation') ? [...withAsked, ...followup] : withAsked;
    const followupText = stages?.includes('recommendation') && input.followup ? input.followup.answer : '';
    const text: CriterionText = {
      sentences: distinct(withFollowup),
      all: everything,
      byStage,
      text: stages ? [...stages.map((st) => stageText[st] ?? ''), followupText].filter(Boolean).join('\n') : all,
      model,
    };
    const r = judgeCriterion(c, text);
    return { id: c.id, title: c.title, weight: c.weight, score: levelFor(r.raw), evidence: r.evidence, rationale: r.rationale, suggestion: r.suggestion, flags: [] };
  });
  const overall = overallScore(criteria);
  return { ...base, criteria, overall, verdict: verdictFor(overall) };
}

export class OfflineJudge implements Judge {
  readonly info = OFFLINE_INFO;
  constructor(private readonly now: () => Date = () => new Date()) {}

  async score(input: ScoreInput): Promise<ScoreResult> {
    return scoreOffline(input, this.now());
  }
}

import type { StageId } from '../../questions/stages.js';
import { candidateText } from '../input.js';
import { graderAddressed, NEAR_EMPTY_WORDS, sentencesOf, wordCount } from '../injection.js';
import { limitingCriterion, overallScore, verdictOf } from '../overall.js';
import { oneLine } from '../../text/sanitize.js';
import type { CriterionScore, Judge, JudgeInfo, ScoreInput, ScoreResult } from '../types.js';
import type { Criterion } from '../../questions/schema.js';
import { analyseCriterion, levelFor, type CriterionAnalysis, type CriterionText } from './criteria.js';
import { distinct, readText, type Scored } from './signals.js';
import { answerTarget, backgroundOf, engagementOf, questionModel, stageTarget, type QuestionModel } from './topic.js';

export { levelFor } from './criteria.js';

export const OFFLINE_INFO: JudgeInfo = { kind: 'offline', label: 'offline estimate' };

/** The minimum for every criterion, with a reason: what a judge gives an answer with nothing in it. */
export function minimumScores(input: ScoreInput, reason: string, suggestion: string): CriterionScore[] {
  return input.rubric.criteria.map((c) => ({ id: c.id, title: c.title, weight: c.weight, score: 1, quotes: [], covered: [], listed: [], missed: [], rationale: reason, suggestion, flags: [] }));
}

export function emptyAnswerReason(input: ScoreInput): string {
  const n = wordCount(candidateText(input));
  return n === 0 ? 'The answer is empty.' : `The answer is nearly empty (${n} word${n === 1 ? '' : 's'}).`;
}

export const EMPTY_SUGGESTION = 'Answer every stage in a few specific sentences: questions, stakeholders, metrics, an experiment and a recommendation.';

/** The answer read once: sentences per stage, the questions asked, the push-back answer. */
interface Reading {
  byStage: Partial<Record<StageId, Scored[]>>;
  asked: Scored[];
  followup: Scored[];
  everything: Scored[];
}

function readAnswer(input: ScoreInput, model: QuestionModel, drop: ReadonlySet<string>): Reading {
  const seen = new Map<string, Scored>();
  const read = (text: string): Scored[] => readText(text, model, seen).filter((s) => !drop.has(s.source));
  const byStage: Reading['byStage'] = {};
  for (const a of input.answers) byStage[a.id] = [...(byStage[a.id] ?? []), ...read(a.text)];
  const asked = read(input.asked.map((e) => (/[?]\s*$/.test(e.q) ? e.q : `${e.q}?`)).join('\n'));
  const followup = input.followup ? read(input.followup.answer) : [];
  return { byStage, asked, followup, everything: [...asked, ...Object.values(byStage).flat(), ...followup] };
}

/** What one criterion reads: its stages (the questions asked count with clarifying, the push-back with the recommendation). */
function criterionText(stages: readonly StageId[] | undefined, r: Reading, all: Scored[], model: QuestionModel, answerTopic: number): CriterionText {
  let raw = !stages ? r.everything : stages.length === 1 ? (r.byStage[stages[0]!] ?? []) : stages.flatMap((st) => r.byStage[st] ?? []);
  if (stages?.includes('clarifying') && r.asked.length > 0) raw = [...r.asked, ...raw];
  if (stages?.includes('recommendation') && r.followup.length > 0) raw = [...raw, ...r.followup];
  const sentences = raw === r.everything ? all : distinct(raw);
  return { sentences, raw, all, allRaw: r.everything, byStage: r.byStage, model, target: stageTarget(model), answerTopic };
}

/**
 * The answer read once and every criterion analysed: components and reference points as data, with the
 * views derived from them. Sentences in `ignored` (text addressed to the grader) are not read. Pure.
 */
export function analyseAnswer(input: ScoreInput, ignored: readonly string[] = []): Array<{ criterion: Criterion; analysis: CriterionAnalysis }> {
  const model = questionModel(input.question, input.background ? backgroundOf(input.background) : undefined);
  const reading = readAnswer(input, model, new Set(ignored));
  const everyPoint = distinct(reading.everything);
  const answerTopic = Math.min(1, engagementOf(everyPoint, model) / answerTarget(model));
  return input.rubric.criteria.map((criterion) => {
    const stages = criterion.stages && criterion.stages.length > 0 ? criterion.stages : undefined;
    return { criterion, analysis: analyseCriterion(criterion, criterionText(stages, reading, everyPoint, model, answerTopic)) };
  });
}

/**
 * Scores the rubric from what the answer says: components per criterion, reference points made, how much it
 * engages this question, and padding. Deterministic: the same input always gives the same result. Text
 * addressed to the grader is ignored. Pure.
 */
export function scoreOffline(input: ScoreInput, now: Date): ScoreResult {
  const all = candidateText(input);
  const addressed = graderAddressed(all);
  const notes: string[] = [];
  if (addressed.length > 0) notes.push(`Text addressed to the grader was ignored: "${oneLine(addressed[0]!).slice(0, 80)}"`);
  const base = { rubricId: input.rubric.id, judge: OFFLINE_INFO, samples: 1, injectionSuspected: addressed.length > 0, notes, scoredAt: now.toISOString() };

  // Near-empty as injection.ts defines it, from the grader-addressed sentences already found.
  const drop = new Set(addressed);
  if (wordCount(sentencesOf(all).filter((s) => !drop.has(s)).join(' ')) < NEAR_EMPTY_WORDS) {
    const criteria = minimumScores(input, emptyAnswerReason(input), EMPTY_SUGGESTION);
    return { ...base, criteria, overall: overallScore(criteria), ...verdictOf(overallScore(criteria), input), limiting: limitingCriterion(criteria) };
  }

  const criteria: CriterionScore[] = analyseAnswer(input, addressed).map(({ criterion: c, analysis: a }) => ({
    id: c.id,
    title: c.title,
    weight: c.weight,
    score: levelFor(a.raw),
    quotes: a.quotes,
    covered: a.coverage.covered.map((p) => p.point),
    listed: a.coverage.listed,
    missed: a.coverage.missed,
    rationale: a.rationale,
    suggestion: a.suggestion,
    flags: [],
  }));
  const overall = overallScore(criteria);
  return { ...base, criteria, overall, ...verdictOf(overall, input), limiting: limitingCriterion(criteria) };
}

export class OfflineJudge implements Judge {
  readonly info = OFFLINE_INFO;
  constructor(private readonly now: () => Date = () => new Date()) {}

  async score(input: ScoreInput): Promise<ScoreResult> {
    return scoreOffline(input, this.now());
  }
}

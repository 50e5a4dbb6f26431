import type { StageId } from '../../questions/stages.js';
import { candidateText } from '../input.js';
import { graderAddressed, isNearEmptyWithout, wordCount } from '../injection.js';
import { limitingCriterion, overallScore, verdictOf } from '../overall.js';
import { oneLine } from '../../text/sanitize.js';
import type { CriterionScore, Judge, JudgeInfo, ScoreInput, ScoreResult } from '../types.js';
import type { Criterion } from '../../questions/schema.js';
import { analyseCriterion, levelFor, type CriterionAnalysis, type CriterionText } from './criteria.js';
import { distinct, readText, type Scored } from './signals.js';
import { answerTarget, engagementOf, questionModel, stageTarget, type QuestionModel } from './topic.js';
import { backgroundOf } from './background.js';
import { relevance, type Relevance } from './rivals.js';

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
  /** Each stage's sentences, each point once. */
  pointsByStage: Partial<Record<StageId, Scored[]>>;
  asked: Scored[];
  followup: Scored[];
  everything: Scored[];
}

function readAnswer(input: ScoreInput, model: QuestionModel, drop: ReadonlySet<string>): Reading {
  const seen = new Map<string, Scored>();
  const read = (text: string): Scored[] => {
    const sentences = readText(text, model, seen);
    return drop.size > 0 ? sentences.filter((s) => !drop.has(s.source)) : sentences;
  };
  const byStage: Reading['byStage'] = {};
  for (const a of input.answers) {
    const known = byStage[a.id];
    byStage[a.id] = known ? [...known, ...read(a.text)] : read(a.text);
  }
  const pointsByStage: Reading['pointsByStage'] = {};
  for (const [id, sentences] of Object.entries(byStage) as Array<[StageId, Scored[]]>) pointsByStage[id] = distinct(sentences);
  const asked = read(input.asked.map((e) => (/[?]\s*$/.test(e.q) ? e.q : `${e.q}?`)).join('\n'));
  const followup = input.followup ? read(input.followup.answer) : [];
  return { byStage, pointsByStage, asked, followup, everything: [...asked, ...Object.values(byStage).flat(), ...followup] };
}

/** The whole answer's points and how much they engage the question, shared by every criterion. */
interface Whole {
  points: Scored[];
  engagement: number;
  answerTopic: number;
}

/** What one criterion reads: its stages (the questions asked count with clarifying, the push-back with the recommendation). */
function criterionText(stages: readonly StageId[] | undefined, r: Reading, whole: Whole, model: QuestionModel): CriterionText {
  const withAsked = stages?.includes('clarifying') === true && r.asked.length > 0;
  const withFollowup = stages?.includes('recommendation') === true && r.followup.length > 0;
  let raw = !stages ? r.everything : stages.length === 1 ? (r.byStage[stages[0]!] ?? []) : stages.flatMap((st) => r.byStage[st] ?? []);
  if (withAsked) raw = [...r.asked, ...raw];
  if (withFollowup) raw = [...raw, ...r.followup];
  // Points already made distinct (the whole answer, one stage on its own) are not worked out again.
  const sentences = !stages ? whole.points : stages.length === 1 && !withAsked && !withFollowup ? (r.pointsByStage[stages[0]!] ?? []) : distinct(raw);
  const engagement = sentences === whole.points ? whole.engagement : engagementOf(sentences, model);
  return { sentences, raw, all: whole.points, allRaw: r.everything, byStage: r.pointsByStage, model, target: stageTarget(model), answerTopic: whole.answerTopic, engagement, allEngagement: whole.engagement };
}

/** Every criterion analysed, and whether the answer is about this question at all. */
export interface AnswerAnalysis {
  criteria: Array<{ criterion: Criterion; analysis: CriterionAnalysis }>;
  relevance: Relevance;
}

/**
 * The answer read once and every criterion analysed: components and reference points as data, with the
 * views derived from them. Sentences in `ignored` (text addressed to the grader) are not read. Pure.
 */
export function analyseAnswer(input: ScoreInput, ignored: readonly string[] = []): AnswerAnalysis {
  const model = questionModel(input.question, input.background ? backgroundOf(input.background) : undefined);
  const reading = readAnswer(input, model, new Set(ignored));
  const points = distinct(reading.everything);
  const engagement = engagementOf(points, model);
  const about = relevance(reading.everything, model);
  const whole: Whole = { points, engagement, answerTopic: Math.min(1, engagement / answerTarget(model)) * about.factor };
  const criteria = input.rubric.criteria.map((criterion) => {
    const stages = criterion.stages && criterion.stages.length > 0 ? criterion.stages : undefined;
    return { criterion, analysis: analyseCriterion(criterion, criterionText(stages, reading, whole, model)) };
  });
  return { criteria, relevance: about };
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
  const criteria = isNearEmptyWithout(all, addressed) ? minimumScores(input, emptyAnswerReason(input), EMPTY_SUGGESTION) : criterionScores(input, addressed, notes);
  const overall = overallScore(criteria);
  const { verdict, level } = verdictOf(overall, input);
  return { rubricId: input.rubric.id, judge: OFFLINE_INFO, samples: 1, injectionSuspected: addressed.length > 0, notes, scoredAt: now.toISOString(), criteria, overall, verdict, level, limiting: limitingCriterion(criteria) };
}

/** Below this, the answer is about another question: it is said in a note, as every criterion is held at 2. */
const OFF_TOPIC_NOTE = 0.5;

function criterionScores(input: ScoreInput, addressed: readonly string[], notes: string[]): CriterionScore[] {
  const { criteria, relevance: about } = analyseAnswer(input, addressed);
  if (about.rival && about.factor < OFF_TOPIC_NOTE) notes.push(`This answer fits another question better than this one (closest: ${about.rival}), so it is scored as off-topic.`);
  return criteria.map(({ criterion: c, analysis: a }) => ({
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
}

export class OfflineJudge implements Judge {
  readonly info = OFFLINE_INFO;
  constructor(private readonly now: () => Date = () => new Date()) {}

  async score(input: ScoreInput): Promise<ScoreResult> {
    return scoreOffline(input, this.now());
  }
}

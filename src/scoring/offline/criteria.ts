import { criterionStages } from '../rubric.js';
import type { Criterion } from '../../questions/schema.js';
import type { StageId } from '../../questions/stages.js';
import { componentsFor, TIED_TO_QUESTION, type Component, type CriterionText, type Kind } from './components.js';
import { readCall } from './decision.js';
import { coverage, type Coverage } from './match.js';
import { dilution, usefulShare } from './signals.js';
import type { QuestionModel, ReferencePoint } from './topic.js';

export type { CriterionText } from './components.js';

/** One criterion read once: its components and reference points as data, and the three views derived from them. */
export interface CriterionAnalysis {
  raw: number;
  components: Component[];
  coverage: Coverage;
  /** Verbatim sentences that earned the credit. */
  quotes: string[];
  /** The component the suggestion asks for (undefined when everything was found). */
  target?: string;
  rationale: string;
  suggestion: string;
}

const kinds = new WeakMap<object, Kind>();

/** Which built-in reading a criterion gets, from its id or title (a custom rubric may use other names). */
export function kindOf(c: Pick<Criterion, 'id' | 'title'>): Kind {
  let kind = kinds.get(c);
  if (!kind) kinds.set(c, (kind = kindFromName(`${c.id} ${c.title}`.toLowerCase())));
  return kind;
}

function kindFromName(s: string): Kind {
  if (/clarif|scop/.test(s)) return 'clarification';
  if (/stakehold/.test(s)) return 'stakeholders';
  if (/metric|measur/.test(s)) return 'metrics';
  if (/experiment|test/.test(s)) return 'experiments';
  if (/decision|recommend/.test(s)) return 'decision';
  if (/communicat|structure|clarity|concis/.test(s)) return 'communication';
  return 'generic';
}

/** The stages whose reference points a criterion is checked against: the ones it reads (src/scoring/rubric.ts). */
export const referenceStages = (c: Criterion): StageId[] => criterionStages(c);

const clamp = (v: number): number => Math.max(0, Math.min(1, v));

/** Raw 0..1 to a level 1..5; full marks need about 85% of what a criterion looks for. */
export function levelFor(raw: number): number {
  return Math.max(1, Math.min(5, Math.round(1 + 4 * Math.min(1, raw / 0.85))));
}

/** Found: at least half of what the component looks for. */
export const FOUND = 0.5;
/** The highest raw value that still reads as level 2: where hedged and off-topic answers stop. */
const LEVEL_TWO = 0.3;

/**
 * How much of the criterion's credit stands (0.15..1): mostly how much the whole answer engages this
 * question, partly how much the criterion's own stages do.
 */
function topicGate(kind: Kind, t: CriterionText): number {
  if (kind === 'communication') return 0.15 + 0.85 * t.answerTopic;
  const stage = clamp(t.engagement / t.target);
  return 0.15 + 0.85 * t.answerTopic * (0.6 + 0.4 * stage);
}

/** Below this share of the engagement expected, the answer is not about this question: 2 at most everywhere. */
const OFF_TOPIC = 0.5;

/** The lowest raw value that reads as level 2. */
const LEVEL_TWO_FLOOR = 0.11;

/** Something this criterion looks for is there: a component, a reference point named, or a statement that is not an echo. */
function attempted(t: CriterionText, parts: readonly Component[], cov: Coverage): boolean {
  if (parts.some((p) => p.value >= FOUND) || cov.covered.length > 0 || cov.listed.length >= 2) return true;
  return t.sentences.some((s) => s.substance >= 0.12);
}

/** The criterion's raw value from its components, reference points, topicality and padding. */
function rawValue(kind: Kind, t: CriterionText, parts: readonly Component[], cov: Coverage, hasPoints: boolean): number {
  const refWeight = kind === 'communication' || !hasPoints ? 0 : 0.3;
  const partWeight = parts.reduce((a, p) => a + p.weight, 0) || 1;
  const fromParts = parts.reduce((a, p) => a + p.weight * p.value, 0) / partWeight;
  const body = (1 - refWeight) * fromParts + refWeight * cov.ratio;
  const gate = topicGate(kind, t);
  const diluted = kind === 'communication' ? 1 : dilution(usefulShare(t.raw, t.sentences));
  let raw = clamp(body * gate * diluted);
  if (attempted(t, parts, cov)) raw = Math.max(raw, LEVEL_TWO_FLOOR);
  if (t.answerTopic < OFF_TOPIC || (kind === 'decision' && !readCall(t.sentences).committed)) raw = Math.min(raw, LEVEL_TWO);
  return raw;
}

const pointsByModel = new WeakMap<QuestionModel, Map<Criterion, ReferencePoint[]>>();

/** The reference points a criterion is checked against, gathered once per question and criterion. */
function pointsOf(c: Criterion, model: QuestionModel): ReferencePoint[] {
  let byCriterion = pointsByModel.get(model);
  if (!byCriterion) pointsByModel.set(model, (byCriterion = new Map()));
  let points = byCriterion.get(c);
  if (!points) byCriterion.set(c, (points = referenceStages(c).flatMap((st) => model.reference[st] ?? [])));
  return points;
}

/** The first `n` different strings of the lists, in order. */
function firstDistinct(lists: ReadonlyArray<readonly string[]>, n: number): string[] {
  const out: string[] = [];
  for (const list of lists) for (const item of list) if (out.length < n && !out.includes(item)) out.push(item);
  return out;
}

/** The offline reading of one criterion: components, reference points and the views derived from them. Pure. */
export function analyseCriterion(c: Criterion, t: CriterionText): CriterionAnalysis {
  const kind = kindOf(c);
  // Nothing written: nothing found (an empty stage is not "concise").
  const parts = componentsFor(kind, t).map((p) => (t.sentences.length === 0 ? { ...p, value: 0, quotes: [] } : p));
  const points = pointsOf(c, t.model);
  const cov = kind === 'communication' ? coverage([], []) : coverage(points, t.sentences);
  const raw = rawValue(kind, t, parts, cov, points.length > 0);
  const held = offTopic(t);
  // Words this question shares with the one the answer is really about do not tie it to this one.
  const shown = held ? parts.map((p) => (p.name === TIED_TO_QUESTION ? { ...p, value: 0, quotes: [] } : p)) : parts;
  const found = shown.filter((p) => p.value >= FOUND);
  const missing = shown.filter((p) => p.value < FOUND).sort((a, b) => b.weight * (1 - b.value) - a.weight * (1 - a.value));
  const quotes = firstDistinct([found.flatMap((p) => p.quotes), cov.covered.map((p) => p.quote)], 4);
  const rationale = rationaleOf(t, found, missing, cov, points.length);
  const views = held ? offTopicViews(rationale, missing) : { rationale, suggestion: suggestionOf(t, shown, missing, cov, kind) };
  return { raw, components: shown, coverage: cov, quotes, target: t.sentences.length > 0 ? missing[0]?.name : undefined, ...views };
}

/** The answer engages too little of this question (or another question more) for any criterion to pass 2. */
const offTopic = (t: CriterionText): boolean => t.sentences.length > 0 && t.answerTopic < OFF_TOPIC;

/** What is found is still said, after why it cannot count for more; the advice is the question itself first. */
function offTopicViews(rationale: string, missing: readonly Component[]): { rationale: string; suggestion: string } {
  const next = missing.find((p) => p.name !== TIED_TO_QUESTION);
  return {
    rationale: `The answer engages little of this question (its product, users and figures), so this stays at 2 or below. ${rationale}`,
    suggestion: `Build this on the question itself: its product, its users and the figures it gives.${next ? ` Then ${next.tip}.` : ''}`,
  };
}

const names = (ps: readonly Component[]): string => ps.map((p) => p.name).join(', ');

function rationaleOf(t: CriterionText, found: readonly Component[], missing: readonly Component[], cov: Coverage, points: number): string {
  if (t.sentences.length === 0) return 'Nothing was written for this part of the answer.';
  const has = found.length > 0 ? `Found ${names(found)}` : 'Found none of what this criterion looks for';
  const lacks = missing.length > 0 ? `; missing ${names(missing)}` : '';
  const refs = points > 0 ? `; covers ${cov.covered.length} of ${points} reference points` : '';
  return `${has}${lacks}${refs}.`;
}

const sentence = (s: string): string => `${s[0]!.toUpperCase()}${s.slice(1)}.`;

/** The most valuable missing component's tip (with a missed reference point), or what would sharpen it. */
function suggestionOf(t: CriterionText, parts: readonly Component[], missing: readonly Component[], cov: Coverage, kind: Kind): string {
  if (t.sentences.length === 0) return sentence(missing[0]?.tip ?? 'answer this part in a few specific sentences');
  const point = kind === 'communication' ? undefined : (cov.missed[0] ?? cov.listed[0]);
  const example = point ? ` One point you did not make: ${point}.` : '';
  const first = missing[0];
  if (first) return `${sentence(first.tip)}${example}`;
  const weakest = [...parts].sort((a, b) => a.value - b.value)[0]!;
  return `Everything this criterion looks for is there; to make it sharper, ${weakest.sharpen}.${example}`;
}

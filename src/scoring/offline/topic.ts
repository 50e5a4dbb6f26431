import type { Question } from '../../questions/schema.js';
import type { StageId } from '../../questions/stages.js';
import { concepts } from './text.js';
import { bundledBackground, generic, questionStems, termWeight, type Background } from './background.js';
import { IS_FRAMEWORK, IS_GENERIC, PM_GENERIC } from './vocabulary.js';

/**
 * What makes an answer about *this* question: the question's distinctive terms (from its title, prompt, facts
 * and reference points), each weighted by how rare it is across the background (every question of the
 * loaded bank is background for every other). Words of the prompt count less: repeating them is not
 * engaging the question. Pure.
 */

export interface ReferencePoint {
  point: string;
  stems: string[];
  /** Per stem: 1 for a word that carries the point, less for a word of the prompt or a generic PM word. */
  weights: number[];
}

export interface QuestionModel {
  id: string;
  /** What the weights were measured against (the rivals an answer may belong to instead, rivals.ts). */
  background: Background | undefined;
  /** Distinctive stems of the question and their weights (0..1). */
  terms: ReadonlyMap<string, number>;
  /** Stems of the title and the prompt: echoing them says nothing new. */
  prompt: ReadonlySet<string>;
  /** The stems of the title and of each sentence of the prompt, apart. */
  promptSentences: ReadonlyArray<ReadonlySet<string>>;
  /** Numbers as written in the prompt ("3-4x"): repeating them is no detail. */
  promptNumbers: ReadonlySet<string>;
  reference: Partial<Record<StageId, ReferencePoint[]>>;
  /** Stakeholder stems named by the question's reference, on top of the general list. */
  stakeholders: ReadonlySet<string>;
  /** The stems of each piece of the question's own text (the prompt, each fact, each reference point): a sentence copying one says nothing of the candidate's. */
  pieces: ReadonlyArray<ReadonlySet<string>>;
}

const NUMBER_TOKEN = /\d+(?:[.,]\d+)*(?:\s*[-–]\s*\d+)?\s*(?:%|x\b)?/g;

export function numberTokens(text: string): string[] {
  return (text.match(NUMBER_TOKEN) ?? []).map((n) => n.replace(/\s+/g, ''));
}

function buildModel(q: Question, bg: Background | undefined): QuestionModel {
  const own = bg?.ids.has(q.id) ?? false;
  const prompt = new Set([...concepts(q.title), ...concepts(q.prompt)]);
  const terms = new Map<string, number>();
  for (const s of questionStems(q)) terms.set(s, termWeight(s, bg, own));
  const reference: QuestionModel['reference'] = {};
  for (const [stage, points] of Object.entries(q.reference) as Array<[StageId, string[] | undefined]>) {
    if (!points) continue;
    reference[stage] = points.map((point) => {
      const stems = [...new Set(concepts(point))];
      return { point, stems, weights: stems.map((s) => (generic(s) || prompt.has(s) ? 0.35 : 1)) };
    });
  }
  const stakeholders = new Set<string>();
  for (const p of reference.stakeholders ?? []) for (const s of p.stems) if (!PM_GENERIC.has(s) && !prompt.has(s)) stakeholders.add(s);
  const pieces = [prompt, ...q.facts.map((f) => new Set(concepts(f.answer))), ...Object.values(reference).flatMap((ps) => (ps ?? []).map((p) => new Set(p.stems)))];
  const promptSentences = [q.title, ...q.prompt.split(/(?<=[.!?])\s+/)].map((t) => new Set(concepts(t)));
  return { id: q.id, terms, prompt, promptSentences, promptNumbers: new Set(numberTokens(q.prompt)), reference, stakeholders, pieces, background: bg };
}

const models = new WeakMap<Question, WeakMap<object, QuestionModel>>();

/** The model of a question against a background, built once per pair (a batch grades many answers to one question). */
export function questionModel(q: Question, given?: Background): QuestionModel {
  let byBg = models.get(q);
  if (!byBg) models.set(q, (byBg = new WeakMap()));
  const bg = given ?? bundledBackground();
  const key = bg;
  let model = byBg.get(key);
  if (!model) byBg.set(key, (model = buildModel(q, bg)));
  return model;
}

/** What one sentence does with the question's terms. */
export interface Topicality {
  /** Says nothing beyond the prompt and framework words. */
  echo: boolean;
  /** Weighted question terms in the sentence, prompt words at 0.6 of their weight. */
  weight: number;
  /** Distinct question terms used, for the answer-wide sum. */
  terms: string[];
}

/**
 * How a sentence engages the question; a sentence that only repeats the prompt's words is an echo, unless it
 * carries `content` of another kind (a committed call, a time span); a question (`asks`) only when it restates it. Pure.
 */
export function topicality(stems: readonly string[], flags: readonly number[], text: string, model: QuestionModel, content = false, asks = false): Topicality {
  let novel = 0;
  let fromPrompt = 0;
  let framework = 0;
  let weight = 0;
  const terms: string[] = [];
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i]!;
    const inPrompt = model.prompt.has(s);
    if (inPrompt) fromPrompt++;
    else if (flags[i]! & IS_FRAMEWORK) framework++;
    else if (!(flags[i]! & IS_GENERIC)) novel++;
    const w = model.terms.get(s);
    if (w === undefined) continue;
    terms.push(s);
    weight += inPrompt ? 0.6 * w : w;
  }
  const newNumbers = /\d/.test(text) && numberTokens(text).some((n) => !model.promptNumbers.has(n));
  // Nothing new: the prompt restated, framework words named, or nothing about the question at all.
  // A question about the prompt's own terms ("Which merchant segments?") is scoping, unless it restates the prompt.
  // A "question" of framework words ("How would you decide, we need a north star metric, guardrails...") asks nothing.
  const restated = fromPrompt >= 3 || framework >= 3 || (!asks && (framework > 0 || fromPrompt <= 1));
  // Most of one of the prompt's own sentences, copied: no call, whatever words it holds ("Amazon can ship...").
  const nothingNew = novel === 0 && !newNumbers;
  return { echo: nothingNew && ((!content && restated) || copiesPrompt(stems, model)), weight, terms };
}

/** A prompt sentence (or the title) of at least this many stems, this much of it in the sentence: a copy. */
const COPIED_FROM = 4;
const COPIED = 0.7;

function copiesPrompt(stems: readonly string[], model: QuestionModel): boolean {
  return model.promptSentences.some((piece) => {
    if (piece.size < COPIED_FROM) return false;
    let inside = 0;
    for (const s of new Set(stems)) if (piece.has(s)) inside++;
    return inside >= COPIED * piece.size;
  });
}

/** Engagement of a set of sentences: the weights of the distinct question terms used in sentences that say something. */
export function engagementOf(items: ReadonlyArray<{ topic: { terms: readonly string[] }; substance: number }>, model: QuestionModel): number {
  const seen = new Set<string>();
  let total = 0;
  for (const it of items) {
    if (it.substance < 0.25) continue;
    for (const t of it.topic.terms) {
      if (seen.has(t)) continue;
      seen.add(t);
      const w = model.terms.get(t) ?? 0;
      total += model.prompt.has(t) ? 0.6 * w : w;
    }
  }
  return total;
}

/**
 * The engagement at which a whole answer counts as fully about the question: 15% of what the question's terms
 * could give. A share, so it does not move when the background grows (every weight shrinks alike): medium
 * answers reach 20-40% on bank questions and most of a short inline prompt, answers to other questions 3-6%.
 */
export function answerTarget(model: QuestionModel): number {
  return Math.max(0.5, 0.15 * termTotal(model));
}

/** The engagement at which one stage counts as fully about the question: 5% of what its terms could give. */
export function stageTarget(model: QuestionModel): number {
  return Math.max(0.5, 0.05 * termTotal(model));
}

const totals = new WeakMap<QuestionModel, number>();

function termTotal(model: QuestionModel): number {
  let total = totals.get(model);
  if (total === undefined) {
    total = 0;
    for (const [t, w] of model.terms) total += model.prompt.has(t) ? 0.6 * w : w;
    totals.set(model, total);
  }
  return total;
}

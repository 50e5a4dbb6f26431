import { termWeight, type Background } from './background.js';
import type { QuestionModel } from './topic.js';

/**
 * Is the answer about this question, or about another one? An excellent answer to a different question
 * shares plenty of product words with this one, so how much of this question it engages is not enough on
 * its own: it is compared with how much of each other question of the background it engages, each as a
 * share of that question's distinctive stems. An answer that fits another question clearly better is
 * off-topic. Answers that engage no question much (weak or generic ones) are left to the other checks. Pure.
 */

export interface Relevance {
  /** 0..1: 1 when this question is what the answer is about, 0 when another question clearly is. */
  factor: number;
  /** The other question it fits best, when that one fits better than this one. */
  rival?: string;
}

/** Below this share of a rival's stems the answer engages no other question enough to tell. */
const ENGAGES_FROM = 0.05;
const ENGAGES_FULLY = 0.15;
/** This question's share over the best rival's: below LOW another question fits better, above HIGH this one does. */
const LOW = 0.75;
const HIGH = 1.1;
/** Rivals that are this question itself: the same id, or most of the same stems (a copy of a bank question). */
const SAME_QUESTION = 0.5;
/** Most of a sentence's stems in one piece of the question's text: a copy of the prompt, a fact or a reference point. */
const COPY = 0.75;

const clamp = (v: number): number => Math.max(0, Math.min(1, v));

/** How much the answer (the distinct stems of its own content) is about this question rather than another of the background. */
export function relevance(sentences: readonly ContentSentence[], model: QuestionModel): Relevance {
  const bg = model.background;
  if (!bg || bg.rivals.length === 0) return { factor: 1 };
  const index = indexOf(bg);
  const { self, total } = partsOf(model);
  const used = new Float64Array(bg.rivals.length);
  let usedHere = 0;
  for (const s of ownContent(sentences, model)) {
    const entry = index.stems.get(s);
    if (entry?.common) continue;
    usedHere += model.terms.get(s) ?? 0;
    if (entry) for (const i of entry.rivals) used[i]! += entry.weight;
  }
  let best = -1;
  let bestShare = 0;
  for (let i = 0; i < used.length; i++) {
    if (self[i] || index.totals[i] === 0) continue;
    const share = used[i]! / index.totals[i]!;
    if (share > bestShare) [best, bestShare] = [i, share];
  }
  if (best < 0) return { factor: 1 };
  const ratio = (total > 0 ? usedHere / total : 0) / bestShare;
  const confidence = clamp((bestShare - ENGAGES_FROM) / (ENGAGES_FULLY - ENGAGES_FROM));
  const factor = 1 - confidence * (1 - clamp((ratio - LOW) / (HIGH - LOW)));
  return ratio < 1 && confidence > 0 ? { factor, rival: index.ids[best] } : { factor };
}

/** What the check reads of a sentence: its stems, and those that are this question's terms (topic.ts). */
interface ContentSentence {
  ownStems: readonly string[];
  topic: { terms: readonly string[] };
}

/**
 * The stems of the candidate's own content: sentences that copy the question's own text (its prompt, facts
 * or reference points) are left out, since pasting this question's facts on top of an answer to another one
 * does not make it about this one.
 */
function ownContent(sentences: readonly ContentSentence[], model: QuestionModel): Set<string> {
  const parts = partsOf(model);
  const stems = new Set<string>();
  for (const s of sentences) if (!copiesQuestion(s.ownStems, s.topic.terms, parts)) for (const st of s.ownStems) stems.add(st);
  return stems;
}

/** `terms`: the sentence's stems that are the question's terms (topic.ts), a quick bound before counting. */
function copiesQuestion(stems: readonly string[], terms: readonly string[], parts: ModelParts): boolean {
  if (stems.length < 3) return false;
  // Every stem of a piece is a term of the question, or too short to be one.
  let short = 0;
  for (const s of stems) if (s.length <= 2) short++;
  if (terms.length + short < COPY * stems.length) return false;
  parts.counts.fill(0);
  let most = 0;
  for (const s of stems) for (const i of parts.pieces.get(s) ?? []) most = Math.max(most, ++parts.counts[i]!);
  return most >= COPY * stems.length;
}

interface RivalIndex {
  ids: string[];
  /** Per rival, the weight of all its stems. */
  totals: Float64Array;
  /** Per stem, its weight and the rivals that use it; `common` for a stem too many questions use to tell them apart. */
  stems: Map<string, { weight: number; rivals: number[]; common: boolean }>;
}

/** A stem used by more than this share of the questions says nothing about which one an answer is about. */
const COMMON = 0.25;

const indexes = new WeakMap<Background, RivalIndex>();

function indexOf(bg: Background): RivalIndex {
  let index = indexes.get(bg);
  if (index) return index;
  const stems: RivalIndex['stems'] = new Map();
  const totals = new Float64Array(bg.rivals.length);
  bg.rivals.forEach((r, i) => {
    for (const s of r.stems) {
      let entry = stems.get(s);
      if (!entry) stems.set(s, (entry = { weight: termWeight(s, bg, true), rivals: [], common: (bg.df.get(s) ?? 0) > COMMON * bg.docs }));
      if (entry.common) continue;
      entry.rivals.push(i);
      totals[i]! += entry.weight;
    }
  });
  indexes.set(bg, (index = { ids: bg.rivals.map((r) => r.id), totals, stems }));
  return index;
}

/** What the checks need of one question, worked out once. */
interface ModelParts {
  /** 1 for each rival that is this question itself. */
  self: Uint8Array;
  /** The weight of all the question's distinctive stems. */
  total: number;
  /** Per stem, the pieces of the question's text (`QuestionModel.pieces`) that hold it, and a counter per piece. */
  pieces: Map<string, number[]>;
  counts: Int32Array;
}

const partsByModel = new WeakMap<QuestionModel, ModelParts>();

function partsOf(model: QuestionModel): ModelParts {
  let parts = partsByModel.get(model);
  if (parts) return parts;
  const bg = model.background;
  const index = bg ? indexOf(bg) : undefined;
  const pieces = new Map<string, number[]>();
  model.pieces.forEach((piece, i) => {
    for (const s of piece) {
      const list = pieces.get(s);
      if (list) list.push(i);
      else pieces.set(s, [i]);
    }
  });
  let total = 0;
  for (const [s, w] of model.terms) if (!index?.stems.get(s)?.common) total += w;
  parts = { self: selfOf(model, bg, index), total, pieces, counts: new Int32Array(model.pieces.length) };
  partsByModel.set(model, parts);
  return parts;
}

function selfOf(model: QuestionModel, bg: Background | undefined, index: RivalIndex | undefined): Uint8Array {
  const self = new Uint8Array(bg?.rivals.length ?? 0);
  if (!bg || !index) return self;
  const shared = new Float64Array(bg.rivals.length);
  for (const s of model.terms.keys()) for (const i of index.stems.get(s)?.rivals ?? []) shared[i]!++;
  bg.rivals.forEach((r, i) => {
    const jaccard = shared[i]! / (r.stems.length + model.terms.size - shared[i]!);
    if (r.id === model.id || jaccard > SAME_QUESTION) self[i] = 1;
  });
  return self;
}

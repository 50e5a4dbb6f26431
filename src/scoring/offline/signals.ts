import type { Question } from '../../questions/schema.js';
import type { StageId } from '../../questions/stages.js';
import { contentStems, splitSentences, STOPWORDS, type Sentence } from './text.js';

/** Function words hold English sentences together; a run of nouns without them is a list of keywords. */
function structure(s: Sentence): number {
  if (s.words < 6) return 1;
  const fn = s.functionRatio;
  const runOn = s.words > 45 ? Math.max(0.3, 45 / s.words) : 1;
  return Math.max(0, Math.min(1, (fn - 0.06) / 0.16)) * runOn;
}
import { FILLER, JARGON, PM_GENERIC, STAKEHOLDER_WORDS } from './vocabulary.js';

/** What the offline judge knows about a question: its own vocabulary and its reference points as stems. */
export interface QuestionModel {
  /** Stems specific to this question (title, prompt, facts, reference), minus stop words and generic PM terms. */
  specific: Set<string>;
  reference: Partial<Record<StageId, Array<{ point: string; stems: string[] }>>>;
  /** Stakeholder stems named by the question's reference, on top of the general list. */
  stakeholders: Set<string>;
}

const models = new WeakMap<Question, QuestionModel>();

/** The model of a question, built once per question object (a batch grades many answers to one question). */
export function questionModel(q: Question): QuestionModel {
  let model = models.get(q);
  if (!model) {
    model = buildQuestionModel(q);
    models.set(q, model);
  }
  return model;
}

function buildQuestionModel(q: Question): QuestionModel {
  const texts = [q.title, q.prompt, q.company ?? '', ...q.facts.flatMap((f) => [f.topic, f.answer, ...f.keywords])];
  const reference: QuestionModel['reference'] = {};
  for (const [stage, points] of Object.entries(q.reference) as Array<[StageId, string[] | undefined]>) {
    if (!points) continue;
    texts.push(...points);
    reference[stage] = points.map((point) => ({ point, stems: [...new Set(contentStems(point))] }));
  }
  const specific = new Set<string>();
  for (const t of texts) for (const s of contentStems(t)) if (!PM_GENERIC.has(s) && !JARGON.has(s) && s.length > 2) specific.add(s);
  const stakeholders = new Set<string>();
  for (const p of reference.stakeholders ?? []) for (const s of p.stems) if (!PM_GENERIC.has(s)) stakeholders.add(s);
  return { specific, reference, stakeholders };
}

/** A sentence with the judge's reading of it. */
export interface Scored extends Sentence {
  /** 0..1: how much this sentence says (a statement about this question, with verbs and specifics, not jargon). */
  substance: number;
  specific: number;
  jargon: number;
  lower: string;
  stemSet: Set<string>;
}

/**
 * How much a sentence says. Lists of nouns, jargon and generic statements that would fit any question count
 * for little; a statement with a verb, this question's words and a number counts fully. Pure.
 */
export function readSentence(s: Sentence, model: QuestionModel): Scored {
  const content = s.stems.length || 1;
  let specific = 0;
  let jargon = 0;
  for (const st of s.stems) {
    if (model.specific.has(st)) specific++;
    if (JARGON.has(st)) jargon++;
  }
  const jargonRatio = jargon / content;
  const length = Math.min(1, s.words / 6);
  const form = (s.verb ? 1 : s.list ? 0.35 : 0.55) * structure(s);
  const grounded = specific > 0 || s.numbers > 0 ? 1 : 0.45;
  const clean = Math.max(0, 1 - Math.max(0, jargonRatio - 0.1) * 2.2);
  return { ...s, specific, jargon, substance: length * form * grounded * clean, lower: s.text.toLowerCase().replace(/\ba\s*\/\s*b\b/g, 'ab'), stemSet: new Set(s.stems) };
}

export function readText(text: string, model: QuestionModel): Scored[] {
  return splitSentences(text).map((s) => readSentence(s, model));
}

/** The same sentence said twice counts once. */
export function distinct(sentences: readonly Scored[]): Scored[] {
  const seen = new Set<string>();
  return sentences.filter((s) => {
    const key = s.stems.join(' ') || s.lower;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Which reference points an answer covers: a point counts when one sentence holds at least half of its
 * content stems (question-specific stems weigh double), credited by that sentence's substance. A point that
 * only appears in a keyword list is "listed" (little credit), not covered. Pure.
 */
export function coverage(
  points: ReadonlyArray<{ point: string; stems: string[] }>,
  sentences: readonly Scored[],
  model: QuestionModel,
): { covered: string[]; listed: string[]; missed: string[]; ratio: number } {
  if (points.length === 0) return { covered: [], listed: [], missed: [], ratio: 0 };
  const covered: string[] = [];
  const listed: string[] = [];
  const missed: string[] = [];
  let credit = 0;
  for (const p of points) {
    const weightOf = (st: string): number => (model.specific.has(st) ? 2 : 1);
    const total = p.stems.reduce((a, st) => a + weightOf(st), 0) || 1;
    let best = 0;
    for (const s of sentences) {
      const have = s.stemSet;
      const hit = p.stems.reduce((a, st) => a + (have.has(st) ? weightOf(st) : 0), 0) / total;
      const needSpecific = p.stems.some((st) => model.specific.has(st));
      const specificHit = !needSpecific || p.stems.some((st) => model.specific.has(st) && have.has(st));
      if (hit >= 0.5 && specificHit) best = Math.max(best, Math.min(1, 0.3 + 0.7 * s.substance) * Math.min(1, hit + 0.25));
    }
    if (best >= 0.4) covered.push(p.point);
    else if (best > 0) listed.push(p.point);
    else missed.push(p.point);
    credit += best;
  }
  return { covered, listed, missed, ratio: credit / points.length };
}

/** The strongest sentence matching a cue (0 when none): a cue in a list of buzzwords counts for little. */
export function cueStrength(sentences: readonly Scored[], cue: RegExp): number {
  let best = 0;
  for (const s of sentences) if (cue.test(s.lower)) best = Math.max(best, s.substance);
  return best;
}

/** How many sentences carry a cue, each by its substance, with diminishing returns (1, then halves). */
export function cueCount(sentences: readonly Scored[], cue: RegExp): number {
  const hits = sentences
    .filter((s) => cue.test(s.lower))
    .map((s) => s.substance)
    .sort((a, b) => b - a);
  return hits.reduce((sum, v, i) => sum + v / (i + 1), 0);
}

/**
 * Distinct question-specific stems used in substantive sentences; with `lists`, stems that only appear in
 * keyword lists count half (the answer is at least about this question).
 */
export function engagement(sentences: readonly Scored[], model: QuestionModel, lists = false): number {
  const full = new Set<string>();
  const half = new Set<string>();
  for (const s of sentences) {
    for (const st of s.stems) {
      if (!model.specific.has(st)) continue;
      if (s.substance >= 0.3) full.add(st);
      else half.add(st);
    }
  }
  if (!lists) return full.size;
  let n = full.size;
  for (const st of half) if (!full.has(st)) n += 0.5;
  return n;
}

/** Distinct stakeholder groups named in sentences that say something. */
export function stakeholderGroups(sentences: readonly Scored[], model: QuestionModel): number {
  const seen = new Set<string>();
  for (const s of sentences) {
    if (s.substance < 0.25) continue;
    for (const st of s.stems) if (STAKEHOLDER_WORDS.has(st) || model.stakeholders.has(st)) seen.add(st);
  }
  return seen.size;
}

/** Numbers that sit in substantive sentences (a threshold, a duration, a share). Diminishing after three. */
export function specificNumbers(sentences: readonly Scored[]): number {
  return sentences.reduce((a, s) => a + (s.substance >= 0.3 ? Math.min(2, s.numbers) : 0), 0);
}

const FILLER_RE = new RegExp(FILLER.map((f) => f.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|'), 'g');

/**
 * Padding, 0..1: jargon density, filler phrases, repeated sentences and repeated words (a word used far more
 * often than the rest).
 */
export function padding(text: string, sentences: readonly Scored[]): number {
  const lower = text.toLowerCase();
  const stems = sentences.flatMap((s) => s.stems);
  if (stems.length === 0) return 0;
  const jargon = sentences.reduce((a, s) => a + s.jargon, 0) / stems.length;
  const filler = lower.match(FILLER_RE)?.length ?? 0;
  const normalized = sentences.map((s) => s.stems.join(' ')).filter((s) => s !== '');
  const repeated = normalized.length - new Set(normalized).size;
  const counts = new Map<string, number>();
  for (const s of stems) if (!STOPWORDS.has(s)) counts.set(s, (counts.get(s) ?? 0) + 1);
  let top = 0;
  for (const v of counts.values()) if (v > top) top = v;
  const repetition = stems.length >= 20 ? Math.max(0, top / stems.length - 0.06) * 4 : 0;
  const lowSubstance = sentences.filter((s) => s.substance < 0.2).length / Math.max(1, sentences.length);
  return Math.min(1, jargon * 1.6 + filler * 0.08 + (repeated / Math.max(1, normalized.length)) * 1.2 + repetition + lowSubstance * 0.35);
}

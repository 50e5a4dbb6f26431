import type { Question, Rubric } from '../questions/schema.js';
import type { SessionRecord } from '../session/types.js';
import { DEFAULT_FRAMEWORK, type StageId } from '../questions/stages.js';
import { resolveFramework } from '../questions/framework.js';
import { criterionStages, rubricOrNone } from '../scoring/rubric.js';
import { formatScore } from '../text/format.js';
import { scoredChronological } from './rows.js';

/**
 * `practice --focus weak`: which question to practise next. Pure; randomness comes from `rng`.
 *
 * 1. The weak criteria: the (up to) two lowest averages over the last `last` scored sessions that are
 *    under 4, or the single lowest when every criterion is at 4 or more.
 * 2. Each question's fit to them: the stages each weak criterion reads (from the question's rubric, or
 *    guessed from the criterion id without rubrics) weighed by how much the question puts there: minutes
 *    in its framework against the default, and the number of reference points.
 * 3. Its past: a low last overall and low last scores on the weak criteria raise it; a question never
 *    scored sits in the middle; the question of the latest session is held back so it does not repeat.
 * The pick is drawn among the best three within 0.05 of the top score.
 */
export interface FocusOptions {
  /** The rubrics in use, to learn which stages each criterion reads. */
  rubrics?: readonly Rubric[];
  last?: number;
}

export interface FocusPick {
  question: Question;
  reason: string;
  weak: Array<{ id: string; title: string; average: number }>;
  score: number;
}

function stagesOf(question: Question, id: string, rubrics: readonly Rubric[] | undefined): readonly StageId[] {
  const rubric = rubrics ? rubricOrNone(question, rubrics) : undefined;
  if (rubric) {
    const c = rubric.criteria.find((x) => x.id === id);
    return c ? criterionStages(c) : [];
  }
  return criterionStages({ id });
}

/** How much the question asks of these stages: above 1 means more than an average question. */
function emphasis(question: Question, stages: readonly StageId[]): number {
  if (stages.length === 0) return 0;
  const minutes = resolveFramework(question.framework);
  let sum = 0;
  for (const s of stages) sum += minutes[s] / DEFAULT_FRAMEWORK[s] + Math.min(6, question.reference?.[s]?.length ?? 0) / 4;
  return sum / stages.length;
}

const clamp01 = (n: number): number => Math.min(1, Math.max(0, n));

export function pickFocus(questions: readonly Question[], sessions: readonly SessionRecord[], rng: () => number, options: FocusOptions = {}): FocusPick | undefined {
  if (questions.length === 0) return undefined;
  const scored = scoredChronological(sessions);
  const window = scored.slice(-(options.last ?? 10));
  const draw = <T>(items: readonly T[]): T => items[Math.min(items.length - 1, Math.floor(rng() * items.length))]!;
  if (window.length === 0) {
    const seen = new Set(sessions.map((s) => s.question.id));
    const fresh = questions.filter((q) => !seen.has(q.id));
    return { question: draw(fresh.length ? fresh : questions), reason: 'no scored sessions yet, so a question picked at random', weak: [], score: 0 };
  }
  const sums = new Map<string, { title: string; total: number; n: number }>();
  for (const s of window)
    for (const c of s.score.criteria) {
      const e = sums.get(c.id) ?? { title: c.title, total: 0, n: 0 };
      e.total += c.score;
      e.n += 1;
      sums.set(c.id, e);
    }
  const averages = [...sums].map(([id, e]) => ({ id, title: e.title, average: e.total / e.n })).sort((a, b) => a.average - b.average || a.id.localeCompare(b.id));
  const under = averages.filter((a) => a.average < 4).slice(0, 2);
  const weak = under.length > 0 ? under : averages.slice(0, 1);
  const lastOf = new Map<string, (typeof scored)[number]>();
  for (const s of scored) lastOf.set(s.question.id, s);
  const latestQuestion = [...sessions].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]?.question.id;

  const raw = questions.map((q) => weak.map((w) => emphasis(q, stagesOf(q, w.id, options.rubrics))));
  const maxPer = weak.map((_, i) => Math.max(0, ...raw.map((r) => r[i]!)));
  const totalWeight = weak.reduce((a, w) => a + (5 - w.average), 0) || 1;
  const ranked = questions.map((q, qi) => {
    const fit = weak.reduce((a, w, i) => a + (5 - w.average) * (maxPer[i]! > 0 ? raw[qi]![i]! / maxPer[i]! : 0), 0) / totalWeight;
    const last = lastOf.get(q.id);
    let past = 0.4;
    if (last) {
      const onWeak = weak.map((w) => last.score.criteria.find((c) => c.id === w.id)?.score).filter((v): v is number => v !== undefined);
      const critTerm = onWeak.length ? onWeak.reduce((a, v) => a + (5 - v) / 4, 0) / onWeak.length : 0.5;
      past = 0.5 * clamp01((100 - last.score.overall) / 100) + 0.5 * clamp01(critTerm);
    }
    let score = 0.6 * fit + 0.4 * past;
    if (q.id === latestQuestion && questions.length > 1) score *= 0.3;
    return { q, score, fit, last };
  });
  ranked.sort((a, b) => b.score - a.score || a.q.id.localeCompare(b.q.id));
  const best = ranked[0]!.score;
  const pick = draw(ranked.filter((r) => r.score >= best - 0.05).slice(0, 3));
  const weakText = weak.map((w) => `${w.title} (${formatScore(Math.round(w.average * 10) / 10)})`).join(', ');
  const parts = [pick.fit > 0.5 ? `it works on your weakest: ${weakText}` : `your weakest: ${weakText}`];
  if (pick.last) parts.push(`you scored ${pick.last.score.overall}/100 on it last time`);
  return { question: pick.q, reason: parts.join('; '), weak: weak.map((w) => ({ ...w, average: Math.round(w.average * 100) / 100 })), score: pick.score };
}


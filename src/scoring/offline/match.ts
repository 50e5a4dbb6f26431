import type { Scored } from './signals.js';
import { stem } from './stem.js';
import type { QuestionModel, ReferencePoint } from './topic.js';
import { STAKEHOLDER_WORDS } from './vocabulary.js';

/** A finding and the sentences that show it. */
export interface Hit {
  value: number;
  quotes: string[];
}

const globals = new Map<RegExp, RegExp>();

/**
 * Whether a sentence carries a cue. With `prompt`, a cue word that is the question's own subject does not
 * count ("cap" is no mitigation in "should Uber cap surge?", "threshold" no guardrail for a threshold question).
 */
export function hasCue(s: Scored, cue: RegExp, prompt?: ReadonlySet<string>): boolean {
  if (!cue.test(s.lower)) return false;
  if (!prompt) return true;
  let g = globals.get(cue);
  if (!g) globals.set(cue, (g = new RegExp(cue.source, 'g')));
  for (const m of s.lower.matchAll(g)) if (!m[0].split(/\s+/).every((w) => prompt.has(stem(w)))) return true;
  return false;
}

/** The strongest sentence matching a cue (0 when none): a cue in a list of buzzwords counts for little. */
export function bestCue(sentences: readonly Scored[], cue: RegExp, prompt?: ReadonlySet<string>): Hit {
  let best: Scored | undefined;
  for (const s of sentences) if (s.substance > 0 && (!best || s.substance > best.substance) && hasCue(s, cue, prompt)) best = s;
  return best ? { value: best.substance, quotes: [best.source] } : { value: 0, quotes: [] };
}

/** Sentences carrying a cue, each by its substance, with diminishing returns (1, then a half, a third...). */
export function cueHits(sentences: readonly Scored[], cue: RegExp, prompt?: ReadonlySet<string>): Hit {
  return diminishing(sentences.filter((s) => s.substance > 0 && hasCue(s, cue, prompt)));
}

/** Sum of substances, strongest first, the i-th counting 1/i: adding a sentence never lowers it. */
export function diminishing(sentences: readonly Scored[], of: (s: Scored) => number = (s) => s.substance): Hit {
  const sorted = [...sentences].sort((a, b) => of(b) - of(a));
  return { value: sorted.reduce((a, s, i) => a + of(s) / (i + 1), 0), quotes: sorted.slice(0, 2).map((s) => s.source) };
}

export interface Coverage {
  covered: Array<{ point: string; quote: string }>;
  /** Named, but only in a list or a fragment without a reason. */
  listed: string[];
  missed: string[];
  /** 0..1: credit over all points. */
  ratio: number;
}

/** How much of a point one sentence says: the weighted share of its stems, when the words that carry it are there. */
function pointMatch(p: ReferencePoint, a: ReadonlySet<string>, b?: ReadonlySet<string>): number {
  let total = 0;
  let hit = 0;
  let carriers = 0;
  let carried = 0;
  for (let i = 0; i < p.stems.length; i++) {
    const st = p.stems[i]!;
    const w = p.weights[i]!;
    total += w;
    if (w >= 1) carriers++;
    if (!a.has(st) && !(b && b.has(st))) continue;
    hit += w;
    if (w >= 1) carried++;
  }
  if (total === 0 || (carriers > 0 && carried < Math.ceil(carriers / 2))) return 0;
  const share = hit / total;
  return share >= 0.55 ? share : 0;
}

/** Whether a sentence holds any stem of a point: most hold none, and need no closer look. */
function touches(p: ReferencePoint, s: ReadonlySet<string>): boolean {
  for (const st of p.stems) if (s.has(st)) return true;
  return false;
}

/**
 * A point is explained when its sentence gives a reason, a number or a decision, sits under a label that says
 * what it is for ("Guardrails: ..."), or says more than the point.
 */
function explains(s: Scored, p: ReferencePoint): boolean {
  if (s.reasoned || s.labelled) return true;
  let more = 0;
  for (const st of s.stemSet) if (!p.stems.includes(st)) more++;
  return more >= 3;
}

/**
 * Which reference points an answer says: most of a point's weighted stems in one sentence, with the words
 * that carry it (not only words of the prompt). A point named without a reason, or only in a list, is listed. Pure.
 */
export function coverage(points: readonly ReferencePoint[], sentences: readonly Scored[]): Coverage {
  const out: Coverage = { covered: [], listed: [], missed: [], ratio: 0 };
  if (points.length === 0) return out;
  let credit = 0;
  for (const p of points) {
    let best = 0;
    let quote = '';
    let named = false;
    for (let i = 0; i < sentences.length; i++) {
      const s = sentences[i]!;
      if (!touches(p, s.stemSet)) continue;
      // A point may run over two neighbouring sentences or bullets ("Merchants: want more sales" / "Customers: get declined").
      const next = sentences[i + 1];
      const alone = pointMatch(p, s.stemSet);
      const pair = alone === 0 && next && touches(p, next.stemSet) ? 0.9 * pointMatch(p, s.stemSet, next.stemSet) : 0;
      const m = Math.max(alone, pair);
      if (m === 0) continue;
      named = true;
      const by = pair > alone && next && next.substance < s.substance ? next : s;
      const c = m * Math.min(explains(by, p) ? 1 : 0.5, 0.2 + 0.8 * (by.substance / 0.6));
      if (c > best) [best, quote] = [c, s.source];
    }
    if (best >= 0.55) out.covered.push({ point: p.point, quote });
    else if (named) out.listed.push(p.point);
    else out.missed.push(p.point);
    credit += best >= 0.55 ? best : best * 0.5;
  }
  out.ratio = credit / points.length;
  return out;
}

/** Distinct stakeholder groups named in the given sentences. */
export function stakeholderGroups(sentences: readonly Scored[], model: QuestionModel): Hit {
  const seen = new Set<string>();
  const quotes: string[] = [];
  for (const s of sentences) {
    const before = seen.size;
    for (const st of s.stems) if (STAKEHOLDER_WORDS.has(st) || model.stakeholders.has(st)) seen.add(st);
    if (seen.size > before && quotes.length < 2) quotes.push(s.source);
  }
  return { value: seen.size, quotes };
}

/** Numbers that sit in substantive sentences (a threshold, a duration, a share), at most two per sentence. */
export function specificNumbers(sentences: readonly Scored[]): Hit {
  const with_ = sentences.filter((s) => s.substance >= 0.3 && s.numbers > 0);
  return { value: with_.reduce((a, s) => a + Math.min(2, s.numbers), 0), quotes: with_.slice(0, 2).map((s) => s.source) };
}

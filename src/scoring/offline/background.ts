import type { Question } from '../../questions/schema.js';
import { concepts } from './text.js';
import { BUNDLED_BACKGROUND } from './background-snapshot.js';
import { IS_GENERIC, stemFlags } from './vocabulary.js';

/**
 * The questions every question is weighed against: how many use each stem (rare stems say more about a
 * question than common ones), and each question's own stems, so that an answer can be matched to the
 * question it is really about (rivals.ts). The bundled bank's is a snapshot (background-snapshot.ts). Pure.
 */
export interface Background {
  docs: number;
  df: ReadonlyMap<string, number>;
  ids: ReadonlySet<string>;
  /** Each question's distinctive stems. */
  rivals: ReadonlyArray<{ id: string; stems: readonly string[] }>;
}

/** The stems a question is about, once each: its title, prompt, company, tags, facts and reference points. */
export function questionStems(q: Question): Set<string> {
  const texts = [q.title, q.prompt, q.company ?? '', ...q.tags, ...q.facts.flatMap((f) => [f.topic, f.answer, ...f.keywords])];
  for (const points of Object.values(q.reference)) texts.push(...(points ?? []));
  const out = new Set<string>();
  for (const t of texts) for (const s of concepts(t)) if (s.length > 2) out.add(s);
  return out;
}

const backgrounds = new WeakMap<readonly Question[], Background>();

/** The background of a bank, computed once per question list. */
export function backgroundOf(questions: readonly Question[]): Background {
  let bg = backgrounds.get(questions);
  if (!bg) {
    const df = new Map<string, number>();
    const rivals = questions.map((q) => ({ id: q.id, stems: [...questionStems(q)] }));
    for (const r of rivals) for (const s of r.stems) df.set(s, (df.get(s) ?? 0) + 1);
    bg = { docs: questions.length, df, ids: new Set(questions.map((q) => q.id)), rivals };
    backgrounds.set(questions, bg);
  }
  return bg;
}

const byName = ([a]: [string, unknown], [b]: [string, unknown]): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A background as text: `docs`, the ids, the `stem count` pairs, then one line per question (`id stem
 * stem ...`). How the bundled bank's snapshot is stored.
 */
export function backgroundText(bg: Background): string {
  const pairs = [...bg.df].sort(byName).map(([s, n]) => `${s} ${n}`);
  const rivals = [...bg.rivals].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => [r.id, ...[...r.stems].sort()].join(' '));
  return [String(bg.docs), [...bg.ids].sort().join(' '), pairs.join(' '), ...rivals].join('\n');
}

/** The inverse of `backgroundText`. */
export function parseBackground(text: string): Background {
  const [docs = '0', ids = '', pairs = '', ...lines] = text.split('\n');
  const parts = pairs.split(' ').filter(Boolean);
  const df = new Map<string, number>();
  for (let i = 0; i + 1 < parts.length; i += 2) df.set(parts[i]!, Number(parts[i + 1]));
  const rivals = lines.filter(Boolean).map((line) => {
    const [id = '', ...stems] = line.split(' ');
    return { id, stems };
  });
  return { docs: Number(docs), ids: new Set(ids.split(' ').filter(Boolean)), df, rivals };
}

let bundled: Background | undefined;

/** The default background: a snapshot of the bundled bank (background-snapshot.ts), parsed once. */
export function bundledBackground(): Background {
  return (bundled ??= parseBackground(BUNDLED_BACKGROUND));
}

export const generic = (s: string): boolean => (stemFlags(s) & IS_GENERIC) !== 0;

/**
 * How much a stem says about a question: 1 for a stem only this question uses, near 0 for one every
 * question uses; generic words count a quarter. `own` when the question is one of the background's.
 */
export function termWeight(s: string, bg: Background | undefined, own: boolean): number {
  const base = generic(s) ? 0.25 : 1;
  if (!bg || bg.docs === 0) return base;
  const docs = bg.docs + (own ? 0 : 1);
  const df = (bg.df.get(s) ?? 0) + (own ? 0 : 1);
  const rarity = Math.log(1 + docs / Math.max(1, df)) / Math.log(1 + docs);
  return base * rarity ** 1.5;
}

import type { Fact } from '../questions/schema.js';
import { contentStems } from '../scoring/offline/text.js';

/**
 * Finds the fact of a question that answers a clarifying question: BM25 over the question's own facts only
 * (so no other question's fact can ever come back), with each fact's keywords weighted above its topic and
 * its topic above its answer text, and the scoring package's light stemmer ("drivers" meets "driver"). Pure.
 */

/** Words that say "I am asking" rather than what is asked about. */
const ASKING = new Set(
  'tell know info information question ask assume idea sense roughly approximately exactly number numbers figure figures happen happens anything something'
    .split(' ')
    .flatMap((w) => contentStems(w)),
);

/** How much a term counts in each part of a fact: the author chose the keywords to be matched. */
const FIELD_WEIGHT = { keywords: 3, topic: 2, answer: 1 } as const;
const K1 = 1.2;
const B = 0.75;
/**
 * A question has only a handful of facts, where BM25's idf would call every shared word common: the
 * collection is padded with this many empty documents, so a word in one fact of six is distinctive and a
 * word in every fact still counts a little.
 */
const PSEUDO_DOCS = 4;
/**
 * The score a fact needs to be given: one distinctive word in its keywords or topic, or two in its answer
 * text (a single answer word, e.g. "often", scores about 2 and is not enough). Below it the candidate is asked to state an assumption. Tuned on the table in
 * test/unit/interviewer.test.ts.
 */
export const MATCH_THRESHOLD = 2.3;

export interface FactMatch {
  index: number;
  fact: Fact;
  score: number;
}

interface Doc {
  tf: Map<string, number>;
  length: number;
}

/** Compounds whose parts mislead: "long-term" is about a horizon, not about length. */
const COMPOUNDS = /\b(long|short|near|mid|real|full|part|one|first)-(term|time|lived|run|off)\b/gi;

function termsOf(text: string): string[] {
  return contentStems(text.replace(COMPOUNDS, '$1$2')).filter((s) => s.length > 1 && !ASKING.has(s));
}

/**
 * Words that name what is asked about rather than the topic (a goal, a deadline), each with the words a fact
 * would use for it. A question that asks for one of them is answered only by a fact that names it in its
 * keywords or topic; otherwise the candidate is asked to state an assumption, since picking a goal is theirs.
 */
interface Intent {
  /** Words in a question that ask for it. */
  asks: string[];
  /** Words in a fact's keywords or topic that give it. */
  gives: string[];
}

const stems = (words: string): string[] => contentStems(words);
const INTENTS: readonly Intent[] = [
  { asks: stems('goal goals objective objectives aim priority priorities purpose'), gives: stems('goal goals objective objectives aim priority priorities purpose strategy target north star') },
  { asks: stems('horizon timeline deadline timeframe'), gives: stems('horizon timeline deadline timeframe launch date quarter year') },
  { asks: stems('budget'), gives: stems('budget cost spend funding') },
];

function docOf(fact: Fact): Doc {
  const tf = new Map<string, number>();
  let length = 0;
  const add = (text: string, weight: number): void => {
    for (const t of termsOf(text)) {
      tf.set(t, (tf.get(t) ?? 0) + weight);
      length += weight;
    }
  };
  for (const k of fact.keywords) add(k, FIELD_WEIGHT.keywords);
  add(fact.topic, FIELD_WEIGHT.topic);
  add(fact.answer, FIELD_WEIGHT.answer);
  return { tf, length };
}

/** Every fact with its score for the candidate's question, best first (ties keep the file's order). */
export function rankFacts(facts: readonly Fact[], asked: string): FactMatch[] {
  if (facts.length === 0) return [];
  const docs = facts.map(docOf);
  const avg = docs.reduce((a, d) => a + d.length, 0) / docs.length || 1;
  const n = docs.length + PSEUDO_DOCS;
  const query = [...new Set(termsOf(asked))];
  const idf = new Map<string, number>();
  for (const t of query) {
    const df = docs.filter((d) => d.tf.has(t)).length;
    idf.set(t, df === 0 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  return docs
    .map((d, index) => {
      let score = 0;
      for (const t of query) {
        const tf = d.tf.get(t);
        if (!tf) continue;
        score += idf.get(t)! * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * d.length) / avg)));
      }
      return { index, fact: facts[index]!, score: Math.round(score * 1000) / 1000 };
    })
    .sort((a, b) => b.score - a.score || a.index - b.index);
}

/** The fact that answers the question, or undefined when none matches well enough. */
export function matchFact(facts: readonly Fact[], asked: string, threshold = MATCH_THRESHOLD): FactMatch | undefined {
  const terms = termsOf(asked);
  const wanted = INTENTS.filter((i) => terms.some((t) => i.asks.includes(t)));
  const answers = (m: FactMatch): boolean => {
    const named = new Set(termsOf([...m.fact.keywords, m.fact.topic].join(' ')));
    return wanted.every((i) => i.gives.some((t) => named.has(t)));
  };
  const best = rankFacts(facts, asked).filter(answers)[0];
  return best && best.score >= threshold ? best : undefined;
}

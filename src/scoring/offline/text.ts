/** Text analysis for the offline judge: words, stems, sentences, numbers. Pure and fast (no allocation-heavy NLP). */

export const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can could ' +
    'did do does doing down during each either etc few for from further get gets got had has have having he her here hers him his how i if ' +
    'in into is it its itself just let lets me more most much my no nor not now of off on once one only or other our ours out over own per ' +
    'same she so some such than that the their theirs them then there these they this those through to too under until up upon us very vs ' +
    'was we were what when where which while who whom why will with would you your yours via versus like within without really quite ' +
    'thing things way ways lot lots also well make made making need needs want wants use used using go going'
  ).split(' '),
);

/** Words that name no verb on their own but mark a clause as a statement (modals, auxiliaries, first person). */
const VERB_WORDS = new Set(
  (
    'is are was were be been being am do does did done has have had will would should could can may might must shall ' +
    "i'd i'll we'd we'll let's recommend propose suggest ask asked ask launch ship test run measure track compare expect expects " +
    'reduce increase decrease drop drops rise rises grow grows hurt hurts lose loses gain gains keep keeps give gives take takes ' +
    'choose pick start stop roll revisit accept trade cost costs want wants need needs care cares rely relies depend depends ' +
    'see show shows mean means matter matters help helps protect protects limit limits cap caps watch monitor assume assuming ' +
    'split target define defined lead leads move moves pay pays buy buys lift lifts fall falls prefer prefers worry worries know'
  ).split(' '),
);

/** A light suffix stemmer: the same word family lands on the same stem in the answer and the reference. */
const SUFFIXES: ReadonlyArray<[string, string, number]> = [
  ['izations', '', 3], ['ization', '', 3], ['isations', '', 3], ['isation', '', 3], ['ational', 'ate', 3],
  ['ations', '', 3], ['ation', '', 3], ['itions', '', 3], ['ition', '', 3], ['ators', '', 3], ['ator', '', 3],
  ['ating', '', 3], ['ated', '', 3], ['ates', '', 3], ['ate', '', 3], ['ities', '', 3], ['ity', '', 3],
  ['ments', '', 3], ['ment', '', 3], ['ness', '', 3], ['ings', '', 3], ['ing', '', 3], ['ies', 'y', 2], ['ied', 'y', 2],
  ['ions', '', 4], ['ion', '', 4], ['ers', '', 3], ['er', '', 3], ['ed', '', 3], ['ly', '', 3], ['es', '', 3], ['s', '', 2],
];

const stemCache = new Map<string, string>();

export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  let w = word.replace(/'s$|'$/, '');
  if (w.length > 3 && !/(ss|us|is)$/.test(w)) {
    for (const [suffix, replacement, min] of SUFFIXES) {
      if (w.endsWith(suffix) && w.length - suffix.length >= min) {
        w = w.slice(0, w.length - suffix.length) + replacement;
        break;
      }
    }
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (stemCache.size < 50_000) stemCache.set(word, w);
  return w;
}

/** Lower-case words; "A/B" becomes "ab", hyphenated words split, numbers kept with their %. */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/\ba\s*\/\s*b\b/g, 'ab')
      .replace(/[’‘]/g, "'")
      .match(/\d+(?:[.,]\d+)*%?|[a-z][a-z']*/g) ?? []
  ).map((w) => w.replace(/'+$/, ''));
}

/** Stems of the content words (no stop words, no bare numbers). */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (STOPWORDS.has(w) || /^\d/.test(w) || w.length < 2) continue;
    out.push(stem(w));
  }
  return out;
}

export function hasVerb(tokens: readonly string[]): boolean {
  return tokens.some((t) => VERB_WORDS.has(t) || (t.length > 4 && /(ed|ing)$/.test(t)) || /n't$/.test(t));
}

const NUMBER_WORDS = /\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|half|quarter|double|triple)\b/i;
const NUMBER = /\d+(?:[.,]\d+)*\s*(?:%|percent|pp|points?|x\b|k\b|m\b|ms\b)?/gi;

/** Numbers in a sentence (digits and number words), e.g. "2 weeks", "10%", "half". */
export function numbersIn(sentence: string): number {
  const digits = sentence.match(NUMBER)?.length ?? 0;
  return digits + (NUMBER_WORDS.test(sentence) ? 1 : 0);
}

export interface Sentence {
  text: string;
  tokens: string[];
  stems: string[];
  words: number;
  verb: boolean;
  numbers: number;
  /** Share of whole words (hyphenated compounds count as one) that are function words: ~0.3-0.5 in prose, ~0 in a keyword list. */
  functionRatio: number;
  /** Looks like a list of nouns (commas, no verb) rather than a statement. */
  list: boolean;
  question: boolean;
}

const INTERROGATIVE = /^(?:what|which|who|whom|whose|when|where|why|how|is|are|do|does|did|can|could|should|would|will|have|has)\b/i;

/** Splits on sentence ends, line breaks, bullets and semicolons; short fragments stay sentences of their own. */
export function splitSentences(text: string): Sentence[] {
  const parts = text
    .split(/(?<!\b(?:vs|e\.g|i\.e|etc|approx|incl|cf|dr|mr|ms|no)\.)(?<=[.!?])\s+|\n+|;\s+|\s+[-*•]\s+/i)
    .map((s) => s.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter((s) => /[a-z0-9]/i.test(s));
  return parts.map((t) => {
    const tokens = words(t);
    const commas = (t.match(/,/g) ?? []).length;
    const verb = hasVerb(tokens);
    const whole = t.toLowerCase().split(/\s+/).map((w) => w.replace(/^[^a-z0-9']+|[^a-z0-9']+$/g, '')).filter(Boolean);
    const functionRatio = whole.length ? whole.filter((w) => STOPWORDS.has(w)).length / whole.length : 0;
    return {
      functionRatio,
      text: t,
      tokens,
      stems: contentStems(t),
      words: tokens.length,
      verb,
      numbers: numbersIn(t),
      list: !verb && (commas >= 2 || tokens.length <= 4),
      question: /\?\s*$/.test(t) || INTERROGATIVE.test(t),
    };
  });
}

/** Text analysis for the offline judge: words, stems, sentences, numbers. Pure and fast (no allocation-heavy NLP). */
import { spellSymbols, splitLabel } from './labels.js';
import { stem } from './stem.js';
import { stemFlags } from './vocabulary.js';

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
    'split target define defined lead leads move moves pay pays buy buys lift lifts fall falls prefer prefers worry worries know ' +
    "earn earns face faces charge charges stay stays cut cuts raise raises lower lowers fund funds replace replaces get gets " +
    'drive drives bring brings leave leaves churn churns come comes make makes think believe hold holds offer offers cover covers ' +
    'risk risks spend spends save saves wait waits book books cancel cancels switch switches add adds remove removes miss misses ' +
    'fail fails win wins outweigh outweighs block blocks ban bans default defaults hide hides require requires allow allows ' +
    'exceed exceeds rank ranks send sends see sees find finds hit hits stays remain remains seem seems feel feels ' +
    "it's that's there's we're they're i'm you're he's she's what's"
  ).split(' '),
);

/** Words after which an -ed or -ing word is a verb ("we capped", "is rising"), not a description ("shoppers wanting"). */
const AUXILIARIES = new Set(
  "i we they he she it you who that which has have had was were is are am be been being get got gets keep keeps 're 'm".split(' '),
);
/** Subjects: the word after one is the verb ("we mitigate", "they churn"). */
const PRONOUNS = new Set(['i', 'we', 'they', 'you', 'he', 'she', "i'd", "we'd", "we'll", "i'll"]);
/** Words before which an -ed word describes a noun ("the capped price", "for surged trips"). */
const DETERMINERS = new Set('a an the this these those of for with by to in on at from per our their its my your his her any some each every no'.split(' '));

/** A finite verb: a known verb word, a negation, or an -ed / -ing form in a verb's position. */
export function hasVerb(tokens: readonly string[]): boolean {
  return verbIn(tokens, tokens.map(infoOf));
}

function verbIn(tokens: readonly string[], infos: readonly WordInfo[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const flags = infos[i]!.flags;
    const before = i > 0 ? infos[i - 1]!.flags : 0;
    if (flags & VERB) return true;
    if (before & PRONOUN && !(flags & STOP)) return true;
    if (t.length <= 4 || t === 'during') continue;
    if (t.endsWith('ing')) {
      if (before & AUXILIARY) return true;
    } else if (t.endsWith('ed')) {
      // "drivers capped at 2x" is a statement; "bonuses funded by Uber" names a thing.
      if (i > 0 && !(before & DETERMINER) && tokens[i + 1] !== 'by') return true;
    }
  }
  return false;
}

/** Lower-case words; "A/B" becomes "ab", hyphenated words split, numbers kept with their %. */
export function words(text: string): string[] {
  return wordsOfLower(text.toLowerCase());
}

function wordsOfLower(lower: string): string[] {
  let text = lower;
  if (text.includes('/')) text = text.replace(/\ba\s*\/\s*b\b/g, 'ab');
  if (text.includes('up-front')) text = text.replace(/\bup-front\b/g, 'upfront');
  if (text.includes('’') || text.includes('‘')) text = text.replace(/[’‘]/g, "'");
  const tokens = text.match(/\d+(?:[.,]\d+)*%?|[a-z][a-z']*/g) ?? [];
  if (!text.includes("'")) return tokens;
  return tokens.map((w) => (w.endsWith("'") ? w.replace(/'+$/, '') : w));
}

/** Stems of the content words (no stop words, no bare numbers). */
export function contentStems(text: string): string[] {
  return stemsOf(words(text));
}

function stemsOf(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of tokens) {
    const first = w.charCodeAt(0);
    if (w.length < 2 || (first >= 48 && first <= 57) || STOPWORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}


const NUMBER_WORDS = /\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|half|quarter|double|triple)\b/i;
const NUMBER = /\d+(?:[.,]\d+)*\s*(?:%|percent|pp|points?|x\b|k\b|m\b|ms\b)?/gi;

/** Numbers in a sentence (digits and number words), e.g. "2 weeks", "10%", "half". */
export function numbersIn(sentence: string): number {
  const digits = /\d/.test(sentence) ? (sentence.match(NUMBER)?.length ?? 0) : 0;
  return digits + (NUMBER_WORDS.test(sentence) ? 1 : 0);
}

export interface Sentence {
  /** The candidate's words, verbatim (a quote). */
  source: string;
  /** What the judge reads: the same words with labels and symbols spelled out (see labels.ts). */
  text: string;
  tokens: string[];
  /** Content stems with synonyms merged (see `concepts`). */
  stems: string[];
  /** The lists of vocabulary.ts each stem is in (`stemFlags`), beside `stems`. */
  flags: number[];
  /** The stems of the candidate's own words: no label, no lead-in ("In other words,"). */
  ownStems: string[];
  ownFlags: number[];
  words: number;
  verb: boolean;
  numbers: number;
  /** Share of whole words (hyphenated compounds count as one) that are function words: ~0.3-0.5 in prose, ~0 in a keyword list. */
  functionRatio: number;
  /** Looks like a list of nouns (commas, no verb) rather than a statement. */
  list: boolean;
  question: boolean;
  /** Under a label ("Guardrails: ..."), which says what the words are for. */
  labelled: boolean;
  /** The reading in lower case, "A/B" as "ab": what cue patterns are matched against. */
  lower: string;
}

const INTERROGATIVE = /^(?:what|which|who|whom|whose|when|where|why|how|is|are|do|does|did|can|could|should|would|will|have|has)\b/i;

/** A few words that say the same thing in answers and reference points: each stem to its group's first. */
const SYNONYM_GROUPS = [
  'cap limit ceiling',
  'rider passenger',
  'complaint complain',
  'churn quit',
  'retention retain',
  'conversion convert',
  'alert notification notify reminder',
  'emergency disaster',
  'buy purchase',
  'ad advert advertisement',
  'increase rise lift boost grow',
  'decrease drop fall decline reduce collapse',
  'stop halt abort kill',
  'test experiment trial',
  'regulator regulation regulatory',
  'customer client',
  'delay latency',
  'conscious concerned worried',
];
const SYNONYMS = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const [head, ...rest] = group.split(' ').map((w) => stem(w));
  for (const w of rest) SYNONYMS.set(w!, head!);
}

/** Content stems with synonyms merged: what reference points and answers are compared on. */
export function concepts(text: string): string[] {
  return conceptsOf(words(text));
}

/** What the judge knows of one word: its concept ('' for a stop word or a number) and its flags. */
interface WordInfo {
  concept: string;
  flags: number;
  /** The concept's `stemFlags` (0 without a concept). */
  conceptFlags: number;
}

const STOP = 1;
const VERB = 2;
const PRONOUN = 4;
const AUXILIARY = 8;
const DETERMINER = 16;

/** Each word read once: a batch reads the same few thousand words millions of times. */
const wordInfos = new Map<string, WordInfo>();

function infoOf(w: string): WordInfo {
  let info = wordInfos.get(w);
  if (info === undefined) {
    const first = w.charCodeAt(0);
    const stop = STOPWORDS.has(w);
    const c = w.length < 2 || (first >= 48 && first <= 57) || stop ? '' : stem(w);
    const flags =
      (stop ? STOP : 0) |
      (VERB_WORDS.has(w) || w.endsWith("n't") ? VERB : 0) |
      (PRONOUNS.has(w) ? PRONOUN : 0) |
      (AUXILIARIES.has(w) ? AUXILIARY : 0) |
      (DETERMINERS.has(w) ? DETERMINER : 0);
    const concept = SYNONYMS.get(c) ?? c;
    info = { concept, flags, conceptFlags: concept === '' ? 0 : stemFlags(concept) };
    if (wordInfos.size < 50_000) wordInfos.set(w, info);
  }
  return info;
}

function conceptsOf(tokens: readonly string[]): string[] {
  return conceptsIn(tokens.map(infoOf)).stems;
}

/** The concepts of some words and, beside each, the lists its stem is in (`stemFlags`). */
function conceptsIn(infos: readonly WordInfo[]): { stems: string[]; flags: number[] } {
  const stems: string[] = [];
  const flags: number[] = [];
  for (const info of infos) {
    if (info.concept === '') continue;
    stems.push(info.concept);
    flags.push(info.conceptFlags);
  }
  return { stems, flags };
}

const LINES = /\n+|\s+[-*•]\s+/;
const SENTENCES = /(?<!\b(?:vs|e\.g|i\.e|etc|approx|incl|cf|dr|mr|ms|no)\.)(?<=[.!?])\s+|;\s+/i;
/** Words that announce a restatement or fill the start of a sentence: read as if they were not there. */
const LEAD_IN = /^(?:(?:in other words|to put it (?:another way|differently)|put differently|(?:so,? )?once (?:more|again)|again|to reiterate|to repeat|to say it (?:again|once more)|as i (?:said|mentioned)|as mentioned|that is to say|basically|to be honest|honestly|at the end of the day|needless to say)\b[,:]?\s*)+/i;
/** The first words a lead-in can start with: a cheap test before the full pattern. */
const LEAD_WORD = /^(?:in|to|put|so|once|again|as|that|basically|honestly|at|needless)\b/i;
/** A note headed by who or what it is about: "Riders: face price spikes". */
const HEADED = /^[A-Z][\w'’-]*(?: [\w'’-]+){0,2}:\s+\S/;
const hasText = (s: string): boolean => /[a-z0-9]/i.test(s);

/**
 * Splits on lines and bullets, then on sentence ends and semicolons; short fragments stay sentences of their
 * own. A line's label carries over to every piece of the line ("Guardrails: churn; support contacts").
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const rawLine of text.split(LINES)) {
    const line = rawLine.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim();
    if (!hasText(line)) continue;
    const head = splitLabel(spellSymbols(line));
    const headed = head.label !== '' || HEADED.test(line);
    line.split(SENTENCES).forEach((part, i) => {
      const source = part.trim();
      if (!hasText(source)) return;
      // The candidate's own words: no lead-in, symbols spelled out, then their own label (or the line's, carried).
      const own = LEAD_WORD.test(source) ? source.replace(LEAD_IN, '') : source;
      const { label, rest } = own === line ? head : splitLabel(spellSymbols(own));
      const carried = i > 0 && head.carries && label === '' ? head.label : '';
      const read = label || carried ? `${label || carried}${rest}`.replace(/\s{2,}/g, ' ').trim() : rest;
      out.push(readParts(source, read, rest, headed && (i === 0 || head.carries)));
    });
  }
  return out;
}

const wordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39;
/** What `\s` matches. */
const space = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || (c >= 0x2000 && c <= 0x200a) || c === 0xa0 || c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
const LONGEST_STOPWORD = Math.max(...[...STOPWORDS].map((w) => w.length));

/**
 * The share of whole words (split on spaces, without the punctuation around them; apostrophes stay) that are
 * stop words: a hyphenated compound ("privacy-conscious") is one word, not two function-free ones.
 */
function functionRatio(lower: string): number {
  let whole = 0;
  let functional = 0;
  let i = 0;
  while (i < lower.length) {
    while (i < lower.length && space(lower.charCodeAt(i))) i++;
    let end = i;
    while (end < lower.length && !space(lower.charCodeAt(end))) end++;
    let a = i;
    let b = end;
    while (a < b && !wordChar(lower.charCodeAt(a))) a++;
    while (b > a && !wordChar(lower.charCodeAt(b - 1))) b--;
    let letters = true;
    let apostrophes = true;
    for (let k = a; k < b; k++) {
      const c = lower.charCodeAt(k);
      if (c !== 39) apostrophes = false;
      if (c < 97 || c > 122) letters = false;
    }
    if (a < b && !apostrophes) {
      whole++;
      // Every stop word is letters only.
      if (letters && b - a <= LONGEST_STOPWORD && STOPWORDS.has(lower.slice(a, b))) functional++;
    }
    i = end;
  }
  return whole ? functional / whole : 0;
}

/** At least this many items of at most this many words each, between commas: a list of keywords. */
const DUMP_ITEMS = 8;
const DUMP_WORDS_PER_ITEM = 2.2;

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

function readParts(source: string, t: string, own: string, labelled: boolean): Sentence {
  const lower = t.toLowerCase();
  const tokens = wordsOfLower(lower);
  const infos = tokens.map(infoOf);
  const commas = count(t, ',');
  // A run of words between commas ("incident, types, share, reports, delay, ...") is a list, whatever verbs it holds.
  const dump = commas + 1 >= DUMP_ITEMS && tokens.length <= DUMP_WORDS_PER_ITEM * (commas + 1);
  const verb = !dump && verbIn(tokens, infos);
  const { stems, flags } = conceptsIn(infos);
  const mine = own === t ? { stems, flags } : conceptsIn(words(own).map(infoOf));
  return {
    source,
    functionRatio: functionRatio(lower),
    ownStems: mine.stems,
    ownFlags: mine.flags,
    text: t,
    tokens,
    stems,
    flags,
    words: tokens.length,
    verb,
    numbers: numbersIn(source),
    list: !verb && (commas >= 2 || tokens.length <= 4),
    question: /\?\s*$/.test(t) || INTERROGATIVE.test(t),
    labelled,
    lower: lower.includes('/') ? lower.replace(/\ba\s*\/\s*b\b/g, 'ab') : lower,
  };
}

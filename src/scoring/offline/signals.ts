import { splitSentences, type Sentence } from './text.js';
import { topicality, type QuestionModel, type Topicality } from './topic.js';
import { FILLER, IS_JARGON, IS_PM_GENERIC } from './vocabulary.js';

export { questionModel, type QuestionModel } from './topic.js';

/** Function words hold English sentences together; a run of nouns without them is a list of keywords. */
function structure(s: Sentence): number {
  if (s.words < 6) return 1;
  const runOn = s.words > 45 ? Math.max(0.3, 45 / s.words) : 1;
  // A short note with a verb ("Compare completion rates, wait times and complaints") is a statement, not a keyword dump.
  const floor = s.verb && s.words <= 12 ? 0.6 : 0;
  return Math.max(floor, Math.min(1, (s.functionRatio - 0.06) / 0.16)) * runOn;
}

/** A reason, a consequence, a condition or a contrast: what turns a claim into reasoning. */
const REASON = /\b(?:because|since|so that|so (?:we|the|it|they|riders|users|that)|which (?:means|would|keeps|protects|lets)|meaning|means|otherwise|to (?:avoid|protect|keep|make sure|catch|see|learn|limit|offset|replace|reduce|prevent)|in order to|as a result|given|while|whereas|but|unless|if|instead|rather than|at the cost of|in exchange|due to|leads to|so|than|without|until|once|to (?:cut|lower|raise|increase|decrease|stop|give|let|help|get|save|win|build|drive|keep|reduce)|mitigat\w*|give up|we accept|trade[- ]off)\b/;
const FILLER_RE = new RegExp(FILLER.map((f) => f.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|'), 'g');

/** A time span is content, even in words of its own ("a few weeks"). */
const SPAN = /\b(?:\d+|a few|few|several|one|two|three|four|five|six|eight|ten|twelve|a) (?:days?|weeks?|months?|quarters?|years?)\b/;
/** Whether a lower-cased sentence names a time span; most name no unit of time at all. */
const hasSpan = (lower: string): boolean => (lower.includes('day') || lower.includes('week') || lower.includes('month') || lower.includes('quarter') || lower.includes('year')) && SPAN.test(lower);
/** A committed call: a recommendation, a decision or an instruction. */
export const COMMIT = /\b(?:i recommend|we recommend|i'?d (?:ship|launch|go|choose|pick|keep|cap|default|roll|recommend|start|make|set|put|introduce|build|run|test|pilot|hold|raise|lower|limit|offer|add|move|charge|block|allow)|i would (?:ship|launch|go|choose|pick|keep|cap|default|roll|recommend|start|make|set|put|introduce|build|run|hold|raise|lower|limit|offer|add)|we should (?!consider|discuss|think|explore|wait|look)|my (?:call|decision|recommendation) is|go with|we will|we'll|i'm going with|ship|launch)\b/;

/** Weighted question terms that make a sentence about this question (one rare word, or a few shared ones). */
export const GROUNDED = 0.2;

/** An instruction that states the call: "Ship X", "Keep Y, but...", "Default to on-device signals". */
const IMPERATIVE = /^(?:set|keep|make|launch|ship|default|cap|allow|let|introduce|add|roll|start|go|move|use|offer|give|raise|lower|limit|require|build|pilot|adopt|switch|enable|disable|hide|show|charge|tighten|loosen|block|approve|apply|treat|route|batch|bundle|price|phase|remove|drop|stop|kill|fund|expand|restrict|replace|turn|put|don'?t|do not|hold|scale|extend|retire|sunset)\b/;
/** "GitHub should ...", "Uber should cap ...": a subject and a committed should. */
const SUBJECT_SHOULD = /\b(?!we\b|i\b)[a-z][a-z'-]* should (?!consider|discuss|think|explore|wait|probably|maybe|look|weigh|evaluate|study|investigate|decide|figure)/;

/** Whether a lower-cased sentence makes a call (a recommendation, a decision, an instruction). */
export function commits(lower: string): boolean {
  const t = lower.startsWith('i recommend:') ? lower.replace(/^i recommend:\s*/, 'i recommend ') : lower;
  return COMMIT.test(t) || IMPERATIVE.test(t) || (t.includes(' should ') && SUBJECT_SHOULD.test(t));
}

/** A sentence with the judge's reading of it. */
export interface Scored extends Sentence {
  /** 0..1: how much this sentence says (a reasoned statement about this question, not a list, jargon or an echo). */
  substance: number;
  topic: Topicality;
  jargon: number;
  /** Carries a reason, a number or a decision. */
  reasoned: boolean;
  /** Words of filler phrases in it ("at the end of the day"). */
  filler: number;
  lower: string;
  stemSet: Set<string>;
}

/**
 * How much a sentence says. Lists of nouns, jargon, claims without a reason and sentences that only repeat
 * the question count for little; a reasoned statement with this question's words or a number counts fully. Pure.
 */
export function readSentence(s: Sentence, model: QuestionModel): Scored {
  const lower = s.lower;
  // A call is content even in the prompt's words ("default-on only for busy repositories"); process talk
  // in framework words ("we should run an experiment with a hypothesis and a control") is not.
  let framework = 0;
  let jargon = 0;
  for (const flags of s.flags) {
    if (flags & (IS_PM_GENERIC | IS_JARGON)) framework++;
    if (flags & IS_JARGON) jargon++;
  }
  const committed = commits(lower) && framework <= 1 && !/\b(?:whether|decide|deciding)\b/.test(lower);
  const span = hasSpan(lower);
  // Engagement is read on the candidate's own words: a label's words ("Guardrails we protect:") are not theirs.
  const topic = topicality(s.ownStems, s.ownFlags, s.source, model, committed || span, s.question);
  const jargonRatio = jargon / (s.stems.length || 1);
  const reasoned = s.numbers > 0 || span || committed || REASON.test(lower);
  const length = Math.min(1, s.words / 5);
  const form = (s.verb ? 1 : s.list ? 0.3 : 0.45) * structure(s);
  const grounded = topic.weight >= GROUNDED || s.numbers > 0 || span ? 1 : 0.5;
  const clean = Math.max(0, 1 - Math.max(0, jargonRatio - 0.1) * 2.2);
  const filler = (lower.match(FILLER_RE) ?? []).reduce((a, f) => a + f.split(' ').length, 0);
  // A phrase of filler here and there costs nothing; a sentence made of it says nothing ("To be honest, at the end of the day...").
  const padding = Math.max(0, 1 - Math.max(0, filler / (s.words || 1) - 0.2) * 2);
  const substance = topic.echo ? 0 : length * form * grounded * (reasoned ? 1 : 0.7) * clean * padding;
  // The sentence was made for this reading: extend it rather than copy it (a batch reads millions).
  const scored = s as Scored;
  scored.topic = topic;
  scored.jargon = jargon;
  scored.reasoned = reasoned;
  scored.substance = substance;
  scored.filler = filler;
  scored.stemSet = new Set(s.stems);
  return scored;
}

/** Every sentence of a text, read; `seen` reads a sentence said again (padding) only once. */
export function readText(text: string, model: QuestionModel, seen?: Map<string, Scored>): Scored[] {
  return splitSentences(text).map((s) => {
    const key = s.text === s.source ? s.source : `${s.source}\u0000${s.text}`;
    let scored = seen?.get(key);
    if (!scored) {
      scored = readSentence(s, model);
      seen?.set(key, scored);
    }
    return scored;
  });
}

/**
 * A restatement: nearly all of its stems already in an earlier sentence, or the whole earlier sentence again
 * with a word or two added ("To put it simply, riders lose trust").
 */
function restates(s: Scored, earlier: Scored): boolean {
  if (s.stemSet.size === 0) return s.lower === earlier.lower;
  // Too few stems in the earlier sentence to hold this one, or this one again with a word or two added.
  if (earlier.stemSet.size < Math.min(0.8 * s.stemSet.size, s.stemSet.size - 2)) return false;
  // Every way of restating allows at most two stems (or a fifth) that the earlier sentence lacks.
  const allowed = Math.max(2, 0.2 * s.stemSet.size + 1e-9);
  let outside = 0;
  for (const st of s.stemSet) if (!earlier.stemSet.has(st) && ++outside > allowed) return false;
  const inside = s.stemSet.size - outside;
  if (s.stemSet.size >= 3 && inside / s.stemSet.size >= 0.8) return true;
  if (inside === s.stemSet.size && inside === earlier.stemSet.size) return true;
  return earlier.stemSet.size >= 2 && inside === earlier.stemSet.size && s.stemSet.size - inside <= 2;
}

/** Each point once: later restatements of a sentence already kept (near-duplicates included) are dropped. */
export function distinct(sentences: readonly Scored[]): Scored[] {
  const kept: Scored[] = [];
  const same = new Set<Scored>();
  for (const s of sentences) {
    if (same.has(s) || kept.some((k) => restates(s, k))) continue;
    kept.push(s);
    same.add(s);
  }
  return kept;
}

/**
 * The share of an answer's words that carry content: words in distinct sentences that say something, less
 * filler phrases. Restatements, filler, echoes and length without content lower it. 1 for no words. Pure.
 */
export function usefulShare(all: readonly Scored[], kept: readonly Scored[]): number {
  let total = all.reduce((a, s) => a + s.words, 0);
  let useful = 0;
  for (const s of kept) {
    // A note under a label ("Treatment A: accurate messages, factual wording") is neither padding nor prose: its
    // first copy counts for neither side, so writing notes never dilutes the rest (a copy of it still does).
    if (s.labelled && !s.verb && s.filler === 0) total -= s.words;
    else if (s.substance >= 0.3 && s.verb) useful += Math.max(0, s.words - s.filler) * Math.min(1, s.substance / 0.6);
  }
  return total <= 0 ? 1 : Math.min(1, useful / total);
}

/** How much padding dilutes a criterion's evidence: none while most words carry content, down to half. */
export function dilution(share: number): number {
  return Math.max(0.5, Math.min(1, 0.45 + 0.95 * share));
}

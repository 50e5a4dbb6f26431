import { commits, type Scored } from './signals.js';
import type { Hit } from './match.js';

/**
 * Does the recommendation commit? A call that weighs both options and never decides ("both options have
 * merit", "it depends on how the test comes out", "I'd want to discuss before committing"), or only says
 * what it would do under conditions, is a hedge: the rubric's level 1 is "it depends" without saying on what.
 */

export const HEDGE =
  /\b(?:it (?:really |all |kind of )?depends|depends (?:on|how|whether)|both (?:options|approaches|sides|paths|choices|directions)\b[^.]{0,30}\b(?:merit|pros|value|valid|good|strengths|sense)|either (?:way|option) (?:could|would|can|is|works|might)|could go either way|hard to (?:say|call|decide)|no (?:right|clear|single) (?:answer|winner|call)|(?:need|want|get|gather|collect|see) (?:more |the )?(?:data|results|evidence|information)[^.]{0,40}\bbefore\b|before (?:committing|deciding|we commit|we decide|making a (?:call|decision))|(?:discuss|align|talk)[^.]{0,40}\bbefore\b|not sure|on the fence|too early to (?:say|tell|decide|commit)|can'?t (?:say|decide|commit)|wait and see|see how (?:the test|it|things|the data|results) (?:comes? out|goes|go|turns? out|looks?)|let the (?:data|test|results) decide|(?:a )?judgment call|(?:pros|merits) (?:and cons )?on both sides|many factors|it'?s complicated)\b/;

const CONDITIONAL = /^(?:if|unless|when|depending|assuming|provided|should the|in case|only if|once)\b/;

export interface CallReading {
  /** The strongest committed sentence. */
  call: Hit;
  hedged: boolean;
  /** A recommendation was made and not hedged away: when false, decision stays at 2 or below. */
  committed: boolean;
}

const calls = new WeakMap<readonly Scored[], CallReading>();

/** Reads the recommendation stage: the committed calls, and whether the answer hedges. Pure. */
export function readCall(sentences: readonly Scored[]): CallReading {
  let reading = calls.get(sentences);
  if (!reading) calls.set(sentences, (reading = callOf(sentences)));
  return reading;
}

function callOf(sentences: readonly Scored[]): CallReading {
  const hedges = sentences.filter((s) => HEDGE.test(s.lower));
  let best: Scored | undefined;
  for (const s of sentences) {
    if (s.substance <= 0 || HEDGE.test(s.lower) || CONDITIONAL.test(s.lower) || !commits(s.lower)) continue;
    if (!best || s.substance > best.substance) best = s;
  }
  const call: Hit = best ? { value: best.substance * (hedges.length > 0 ? 0.8 : 1), quotes: [best.source] } : { value: 0, quotes: [] };
  return { call, hedged: hedges.length > 0, committed: best !== undefined && best.substance >= 0.3 };
}

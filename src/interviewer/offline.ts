import type { Question } from '../questions/schema.js';
import type { Exchange } from '../session/types.js';
import { matchFact } from './match.js';
import { assumptionReply, factReply, type Persona } from './persona.js';

/**
 * The offline interviewer's reply to a clarifying question: the best-matching fact of this question in the
 * persona's tone, or the standard request to state an assumption. Deterministic and pure.
 */
export function answerOffline(question: Pick<Question, 'facts'>, asked: string, persona: Persona, at?: string): Exchange {
  const match = matchFact(question.facts, asked);
  const base = { q: asked, ...(at ? { at } : {}) };
  if (match) return { ...base, a: factReply(match.fact.answer, persona.style), source: 'fact' };
  return { ...base, a: assumptionReply(persona.style), source: 'assumption' };
}

import type { Rubric } from '../questions/schema.js';
import type { ScoreInput } from '../scoring/types.js';
import type { Level } from '../scoring/levels.js';
import type { SessionRecord } from './types.js';

/** What a judge sees of a saved session: the question snapshot, the rubric, and the words per stage. Pure. */
export function scoreInputFromSession(session: SessionRecord, rubric: Rubric, level?: Level): ScoreInput {
  const input: ScoreInput = {
    question: session.question,
    rubric,
    ...(level ? { level } : {}),
    answers: session.stages.map((s) => ({
      id: s.id,
      text: s.text ?? '',
      secondsUsed: s.secondsUsed,
      secondsAllotted: s.secondsAllotted,
      overtimeSeconds: s.overtimeSeconds,
    })),
    asked: session.asked.map((e) => ({ q: e.q, a: e.a })),
  };
  if (session.followup) input.followup = { q: session.followup.q, answer: session.followup.answer };
  return input;
}

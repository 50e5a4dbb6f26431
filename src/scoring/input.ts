import type { Rubric } from '../questions/schema.js';
import type { SessionRecord } from '../session/types.js';
import type { ScoreInput } from './types.js';

/** What a judge sees of a saved session: the question snapshot, the rubric, and the words per stage. Pure. */
export function scoreInputFromSession(session: SessionRecord, rubric: Rubric): ScoreInput {
  const input: ScoreInput = {
    question: session.question,
    rubric,
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

/** All the candidate's own words, stage by stage (the clarifying questions they asked included). Pure. */
export function candidateText(input: Pick<ScoreInput, 'answers' | 'asked' | 'followup'>): string {
  const parts = [...input.asked.map((e) => e.q), ...input.answers.map((a) => a.text)];
  if (input.followup) parts.push(input.followup.answer);
  return parts.filter((p) => p.trim() !== '').join('\n\n');
}

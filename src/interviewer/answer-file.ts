import type { AnswerFile } from '../answers/schema.js';
import type { Question } from '../questions/schema.js';
import type { Exchange } from '../session/types.js';
import type { Interviewer } from './interviewer.js';

/**
 * The clarifying exchanges of an answer file: replies written in the file are kept (`given`); a question
 * without `a` is answered by the interviewer, in order, as it would have been in a live session.
 * Undefined when the file asks nothing the interviewer must answer (the file's exchanges are used as they are).
 */
export async function answerFileExchanges(answer: Pick<AnswerFile, 'asked'>, question: Question, interviewer: Interviewer): Promise<Exchange[] | undefined> {
  const asked = answer.asked ?? [];
  if (!asked.some((x) => x.a === undefined || x.a.trim() === '')) return undefined;
  const out: Exchange[] = [];
  for (const x of asked) {
    if (x.a !== undefined && x.a.trim() !== '') out.push({ q: x.q, a: x.a, source: 'given' });
    else out.push(await interviewer.answer(question, x.q, { history: out }));
  }
  return out;
}

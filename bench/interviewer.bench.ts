/**
 * The offline interviewer's cost while the clock runs: one reply to a clarifying question (fact matching over
 * the question's facts) and one push-back choice (the offline judge reads the answer to find the weakest
 * stage). Run: node --import tsx bench/interviewer.bench.ts
 */
import { fileURLToPath } from 'node:url';
import { loadBank } from '../src/questions/load.js';
import { rubricFor } from '../src/scoring/rubric.js';
import { answerOffline } from '../src/interviewer/offline.js';
import { offlinePushBack } from '../src/interviewer/pushback.js';
import { answerFileToSession } from '../src/answers/to-session.js';
import { DEFAULT_PERSONA } from '../src/interviewer/persona.js';

const ASKED = ['How often does this happen?', 'What is the revenue impact?', 'Who complains the most?', 'What is the goal and time horizon?', 'Which markets are in scope?'];

export default async function bench(): Promise<void> {
  const bank = await loadBank({});
  const questions = bank.questions;
  const replies = questions.flatMap((q) => [...ASKED, ...q.facts.map((f) => f.keywords.join(' '))].map((a) => ({ q, a })));
  for (const { q, a } of replies) answerOffline(q, a, DEFAULT_PERSONA); // warm up
  const rounds = 50;
  let t0 = performance.now();
  for (let i = 0; i < rounds; i++) for (const { q, a } of replies) answerOffline(q, a, DEFAULT_PERSONA);
  const perReply = (performance.now() - t0) / (rounds * replies.length);

  const answer = (id: string): string => `For ${id}: I would pick one option, name who loses, track a guardrail metric with a threshold, and run a 4-week test before deciding.`;
  const sessions = questions.map((q) => ({
    session: answerFileToSession({ question: q.id, answers: { clarifying: answer('clarifying'), stakeholders: answer('stakeholders'), metrics: answer('metrics'), experiments: answer('experiments'), recommendation: answer('recommendation') } }, q, { id: 'bench', now: new Date(0), origin: 'grade' }),
    rubric: rubricFor(q, bank.rubrics),
  }));
  for (const s of sessions) offlinePushBack(s.session, s.rubric);
  t0 = performance.now();
  for (let i = 0; i < 10; i++) for (const s of sessions) offlinePushBack(s.session, s.rubric);
  const perPushBack = (performance.now() - t0) / (10 * sessions.length);

  console.log(`offline interviewer over ${questions.length} bank questions`);
  console.log(`  reply to a clarifying question: ${(perReply * 1000).toFixed(1)} µs (${replies.length} questions x ${rounds} runs)`);
  console.log(`  push-back choice (offline judge reading included): ${perPushBack.toFixed(3)} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await bench();

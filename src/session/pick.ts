import type { Question } from '../questions/schema.js';
import type { SessionRecord } from './types.js';

/**
 * A question to practise: at random among those practised least often (never, when there are any).
 * `random` returns a number in [0, 1) like Math.random. Pure.
 */
export function pickQuestion(candidates: readonly Question[], sessions: readonly Pick<SessionRecord, 'question'>[], random: () => number = Math.random): Question | undefined {
  if (candidates.length === 0) return undefined;
  const times = new Map<string, number>();
  for (const s of sessions) times.set(s.question.id, (times.get(s.question.id) ?? 0) + 1);
  const fewest = Math.min(...candidates.map((q) => times.get(q.id) ?? 0));
  const pool = candidates.filter((q) => (times.get(q.id) ?? 0) === fewest);
  return pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))];
}

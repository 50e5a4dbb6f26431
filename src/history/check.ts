import { z } from 'zod';
import type { SessionRecord } from '../session/types.js';
import { VERDICTS } from '../scoring/types.js';

/**
 * A deeper check than the store's: every field that history, stats and transcripts read has the right
 * type, so a hand-edited session file is skipped (and reported) instead of crashing a command.
 * Deliberately not strict about unknown keys: newer versions may add optional fields.
 */
const str = z.string();
const num = z.number();
const date = str.refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date');

const criterion = z.object({
  id: str,
  title: str,
  weight: num,
  score: num.min(0).max(5),
  evidence: z.array(str).optional(),
  rationale: str.optional(),
  suggestion: str.optional(),
  flags: z.array(str).optional(),
  spread: z.tuple([num, num]).optional(),
});

const score = z.object({
  rubricId: str,
  criteria: z.array(criterion),
  overall: num.min(0).max(100),
  verdict: z.enum(VERDICTS),
  judge: z.object({ kind: z.enum(['llm', 'offline']), label: str }),
  samples: num,
  injectionSuspected: z.boolean().optional(),
  notes: z.array(str).optional(),
  scoredAt: str,
});

const stage = z.object({
  id: str,
  text: str,
  status: z.enum(['pending', 'active', 'done', 'skipped']),
  secondsUsed: num,
  secondsAllotted: num,
  overtimeSeconds: num,
});

const session = z.object({
  schemaVersion: z.literal(1),
  id: str,
  origin: str,
  status: z.enum(['in-progress', 'finished']),
  createdAt: date,
  updatedAt: str,
  candidate: str.optional(),
  question: z.object({
    id: str,
    title: str,
    prompt: str,
    company: str.optional(),
    difficulty: str.optional(),
    tags: z.array(str).optional(),
    reference: z.record(str, z.array(str)).optional(),
    framework: z.record(str, num).optional(),
  }),
  stages: z.array(stage),
  asked: z.array(z.object({ q: str, a: str, source: str })).optional(),
  followup: z.object({ q: str, answer: str, secondsUsed: num.optional(), secondsAllotted: num.optional(), overtimeSeconds: num.optional() }).optional(),
  score: score.optional(),
});

/** The first problem found (`stages.2.text: ...`), or undefined when the session is readable. Pure. */
export function sessionProblem(value: unknown): string | undefined {
  const r = session.safeParse(value);
  if (r.success) return undefined;
  const issue = r.error.issues[0]!;
  return `${issue.path.join('.') || '(file)'}: ${issue.message}`;
}

/** Splits sessions into the readable ones and the ids of the others. Pure. */
export function readableSessions(sessions: readonly SessionRecord[]): { ok: SessionRecord[]; bad: SessionRecord[] } {
  const ok: SessionRecord[] = [];
  const bad: SessionRecord[] = [];
  for (const s of sessions) (sessionProblem(s) === undefined ? ok : bad).push(s);
  return { ok, bad };
}

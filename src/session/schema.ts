import { z } from 'zod';
import { STAGE_IDS } from '../questions/stages.js';
import type { Question } from '../questions/schema.js';
import type { ScoreResult } from '../scoring/types.js';

/**
 * The session record's one definition (`<home>/sessions/<id>.json`): the types in ./types.ts are inferred
 * from it, and every command that shows, scores, exports or resumes a saved session reads it through
 * `checkSession`. Unknown keys are kept, not refused (a newer pmcoach may add optional fields).
 *
 * The question snapshot and the score are checked on the fields pmcoach reads and then typed as the bank's
 * Question and the judge's ScoreResult: their own schemas live with them and may grow.
 */

/** Longest time a stage can have taken: bounds hand-edited numbers (1e300 seconds is not a duration). */
export const MAX_SECONDS = 7 * 24 * 3600;

const text = z.string();
const seconds = z.number().min(0, 'must be 0 or more seconds').max(MAX_SECONDS, `must be at most ${MAX_SECONDS} seconds`);
const date = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date');

const stageRecord = z.looseObject({
  id: z.enum(STAGE_IDS),
  text,
  status: z.enum(['pending', 'active', 'done', 'skipped']),
  startedAt: text.optional(),
  endedAt: text.optional(),
  secondsUsed: seconds,
  secondsAllotted: seconds,
  overtimeSeconds: seconds,
});

const exchange = z.looseObject({
  q: text,
  a: text,
  /** Where the reply came from: a fact of the question, the standard "state an assumption" reply, or a model. */
  source: z.enum(['fact', 'assumption', 'llm', 'given']),
  at: text.optional(),
});

const followUp = z.looseObject({
  q: text,
  answer: text,
  secondsUsed: seconds.optional(),
  secondsAllotted: seconds.optional(),
  overtimeSeconds: seconds.optional(),
  /** Practice only: where the push-back step stands ('active' while it is answered or after Ctrl-C; resumable). */
  status: z.enum(['active', 'done', 'skipped']).optional(),
  startedAt: text.optional(),
  endedAt: text.optional(),
  /** Where the question came from: the question's follow_ups, or the model. */
  source: z.enum(['bank', 'llm']).optional(),
});

const questionSnapshot = z
  .looseObject({
    id: text,
    title: text,
    prompt: text,
    company: text.optional(),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    tags: z.array(text),
    facts: z.array(z.looseObject({ topic: text, answer: text, keywords: z.array(text).optional() })),
    reference: z.record(text, z.array(text)),
    follow_ups: z.array(text),
    framework: z.record(text, z.number()).optional(),
  })
  .transform((q) => q as unknown as Question);

const criterion = z.looseObject({
  id: text,
  title: text,
  weight: z.number(),
  score: z.number().min(0).max(5),
  rationale: text.optional(),
  suggestion: text.optional(),
  flags: z.array(text).optional(),
});

const score = z
  .looseObject({
    rubricId: text,
    criteria: z.array(criterion),
    overall: z.number().min(0).max(100),
    verdict: z.enum(['strong no hire', 'no hire', 'lean hire', 'hire', 'strong hire']),
    judge: z.looseObject({ kind: z.enum(['llm', 'offline']), label: text }),
    samples: z.number(),
    notes: z.array(text).optional(),
    scoredAt: text,
  })
  .transform((s) => s as unknown as ScoreResult);

export const sessionSchema = z.looseObject({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, dots, dashes or underscores'),
  origin: z.enum(['practice', 'grade', 'mock']),
  status: z.enum(['in-progress', 'finished']),
  createdAt: date,
  updatedAt: date,
  candidate: text.optional(),
  /** A snapshot of the question as it was practised, so later edits to the bank do not change history. */
  question: questionSnapshot,
  stages: z.array(stageRecord),
  asked: z.array(exchange).default([]),
  followup: followUp.optional(),
  /**
   * Settings the session ran with (hard stop, time scale, ...), for resume and transcripts. `followupSeconds`
   * is present when the interviewer pushes back after the recommendation: the follow-up's own countdown.
   */
  settings: z.looseObject({ hardStop: z.boolean(), timeScale: z.number().positive(), timer: z.boolean(), followupSeconds: seconds.optional() }),
  score: score.optional(),
  /** Where the markdown transcript was written, once it was. */
  transcriptPath: text.optional(),
});

export type StageRecordData = z.output<typeof stageRecord>;
export type ExchangeData = z.output<typeof exchange>;
export type FollowUpData = z.output<typeof followUp>;
export type SessionData = z.output<typeof sessionSchema>;

/** The session, or what is wrong with it in one line (`stages.2.text: expected string, got null`). Pure. */
export function checkSession(value: unknown): { session: SessionData } | { problem: string } {
  const r = sessionSchema.safeParse(value);
  if (r.success) return { session: r.data };
  const shown = r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(file)'}: ${describe(i, value)}`);
  const more = r.error.issues.length > 3 ? `; and ${r.error.issues.length - 3} more` : '';
  return { problem: shown.join('; ') + more };
}

function describe(issue: z.core.$ZodIssue, root: unknown): string {
  if (issue.code === 'invalid_type') {
    let v: unknown = root;
    for (const k of issue.path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as string] : undefined;
    if (v === undefined) return 'missing';
    const got = v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v;
    return `expected ${issue.expected}, got ${got}`;
  }
  return issue.message;
}

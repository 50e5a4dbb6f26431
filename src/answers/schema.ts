import { z } from 'zod';
import { questionSchema } from '../questions/schema.js';

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** `stakeholders:` with nothing after it is an empty answer, not an error. */
const answerText = z
  .string()
  .nullable()
  .transform((s) => s ?? '');
/** Bounded: a stage of more than a day is a typo (`1e300` is not a duration and would not print as one). */
const seconds = z.number().nonnegative('must be a number of seconds, 0 or more').max(86_400, 'must be at most 86400 seconds (a day)');

const byStage = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    clarifying: value.optional(),
    stakeholders: value.optional(),
    metrics: value.optional(),
    experiments: value.optional(),
    recommendation: value.optional(),
  });

/** Answers written ahead of time: by hand, by a cohort, or for a scripted mock interview. */
export const answerFileSchema = z.strictObject({
  question: z.union([z.string().regex(kebab, 'must be a question id from the bank (kebab-case) or an inline question'), questionSchema]),
  candidate: z.string().trim().min(1, 'must not be empty').optional(),
  answers: byStage(answerText),
  timing: byStage(seconds).optional(),
  /** Clarifying questions put to the interviewer; a missing `a` is answered when graded. */
  asked: z.array(z.strictObject({ q: z.string().trim().min(1, 'must not be empty'), a: z.string().optional() })).optional(),
  followup: z.strictObject({ q: z.string().trim().min(1, 'must not be empty'), answer: answerText }).optional(),
  /** A coach's own grades, criterion id -> level 1..5, for `pmcoach calibrate` (ids checked against the rubric). */
  human: z
    .record(
      z.string().regex(kebab, 'must be a criterion id of the rubric'),
      z.number({ error: 'must be a whole number from 1 to 5' }).int('must be a whole number from 1 to 5').min(1, 'must be a whole number from 1 to 5').max(5, 'must be a whole number from 1 to 5'),
    )
    .optional(),
});

export type AnswerFile = z.infer<typeof answerFileSchema>;

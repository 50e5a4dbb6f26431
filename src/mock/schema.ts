import { z } from 'zod';
import { frameworkSchema } from '../questions/schema.js';

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const INTERVIEWER_STYLES = ['friendly', 'neutral', 'probing'] as const;
export type InterviewerStyle = (typeof INTERVIEWER_STYLES)[number];

const pickSchema = z.strictObject({
  tag: z.union([z.string().trim().min(1), z.array(z.string().trim().min(1))]).optional(),
  company: z.string().trim().min(1).optional(),
  difficulty: z.enum(['easy', 'medium', 'hard']).optional(),
});

const entrySchema = z
  .strictObject({
    id: z.string().regex(kebab, 'must be a question id (kebab-case)').optional(),
    pick: pickSchema.optional(),
    framework: frameworkSchema.optional(),
  })
  .refine((e) => (e.id === undefined) !== (e.pick === undefined), { message: 'give either id (a bank question) or pick (a filter), not both or neither' });

/** A mock interview plan a coach writes. */
export const mockScriptSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty'),
  interviewer: z
    .strictObject({
      name: z.string().trim().min(1).default('Interviewer'),
      style: z.enum(INTERVIEWER_STYLES).default('neutral'),
    })
    .default({ name: 'Interviewer', style: 'neutral' }),
  questions: z.array(entrySchema).min(1, 'needs at least one question'),
  break_seconds: z.number().nonnegative('must be 0 or more seconds').max(3600, 'must be at most 3600 seconds').default(30),
});

export type MockScript = z.infer<typeof mockScriptSchema>;
export type MockEntry = MockScript['questions'][number];

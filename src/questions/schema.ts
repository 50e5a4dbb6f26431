import { z } from 'zod';
import { STAGE_IDS } from './stages.js';

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const idSchema = z.string().regex(kebab, 'must be kebab-case (lowercase letters, digits and single hyphens), e.g. "my-question"');
const text = z.string().trim().min(1, 'must not be empty');

const stageMinutes = z.number().positive('must be a positive number of minutes').max(120, 'must be at most 120 minutes');

export const frameworkSchema = z.strictObject({
  clarifying: stageMinutes.optional(),
  stakeholders: stageMinutes.optional(),
  metrics: stageMinutes.optional(),
  experiments: stageMinutes.optional(),
  recommendation: stageMinutes.optional(),
});

export const factSchema = z.strictObject({
  topic: text,
  keywords: z.array(text).default([]),
  answer: text,
});

const points = z.array(text);
export const referenceSchema = z.strictObject({
  clarifying: points.optional(),
  stakeholders: points.optional(),
  metrics: points.optional(),
  experiments: points.optional(),
  recommendation: points.optional(),
});

/** A strong answer written by a person, one entry per stage: a guide, not a checklist. */
export const modelAnswerSchema = z.strictObject({
  clarifying: text,
  stakeholders: text,
  metrics: text,
  experiments: text,
  recommendation: text,
});

export const levelsSchema = z.strictObject({
  1: text,
  3: text,
  5: text,
});

export const criterionSchema = z.strictObject({
  id: idSchema,
  title: text,
  weight: z.number().positive('must be a positive number'),
  description: text.optional(),
  /** The answer stages this criterion mostly reads (default: every stage). */
  stages: z.array(z.enum(STAGE_IDS)).optional(),
  levels: levelsSchema,
});

const band = z.number().min(0, 'must be 0-100').max(100, 'must be 0-100');
/** Where each verdict starts (0-100) for one level; each must be above the one before. */
const bandsSchema = z
  .strictObject({ 'no hire': band, 'lean hire': band, hire: band, 'strong hire': band })
  .refine((b) => b['no hire'] < b['lean hire'] && b['lean hire'] < b.hire && b.hire < b['strong hire'], { message: 'each verdict must start above the one before (no hire < lean hire < hire < strong hire)' });

export const rubricSchema = z
  .strictObject({
    id: idSchema,
    title: text,
    guidance: text.optional(),
    /** Verdict bands per target level (apm, pm, senior, staff); levels left out use pmcoach's defaults. */
    verdict_bands: z.strictObject({ apm: bandsSchema.optional(), pm: bandsSchema.optional(), senior: bandsSchema.optional(), staff: bandsSchema.optional() }).optional(),
    criteria: z.array(criterionSchema).min(1, 'needs at least one criterion'),
  })
  .superRefine((rubric, ctx) => {
    const seen = new Set<string>();
    rubric.criteria.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `duplicate criterion id "${c.id}"` });
      seen.add(c.id);
    });
  });

export const questionSchema = z.strictObject({
  id: idSchema,
  title: text,
  prompt: text,
  company: text.optional(),
  category: text.default('trade-off'),
  difficulty: z.enum(['easy', 'medium', 'hard']).default('medium'),
  tags: z.array(text).default([]),
  framework: frameworkSchema.optional(),
  facts: z.array(factSchema).default([]),
  reference: referenceSchema.default({}),
  follow_ups: z.array(text).default([]),
  model_answer: modelAnswerSchema.optional(),
  rubric: z.union([idSchema, rubricSchema]).optional(),
});

export const questionFileSchema = z.strictObject({
  questions: z.array(questionSchema).min(1, 'needs at least one question'),
});

export type Question = z.infer<typeof questionSchema>;
export type QuestionInput = z.input<typeof questionSchema>;
export type Rubric = z.infer<typeof rubricSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type Fact = z.infer<typeof factSchema>;
export type ModelAnswer = z.infer<typeof modelAnswerSchema>;
export type Difficulty = Question['difficulty'];

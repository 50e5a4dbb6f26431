import type { Question, Rubric } from '../questions/schema.js';
import { UserError } from '../errors.js';

export const DEFAULT_RUBRIC_ID = 'trade-off';

/** The rubric a question is scored with: its inline rubric, the rubric it names, or the default. Pure. */
export function rubricFor(question: Pick<Question, 'id' | 'rubric'>, rubrics: readonly Rubric[]): Rubric {
  const ref = question.rubric;
  if (ref !== undefined && typeof ref === 'object') return ref;
  const id = ref ?? DEFAULT_RUBRIC_ID;
  const found = rubrics.find((r) => r.id === id);
  if (found) return found;
  const known = rubrics.map((r) => r.id).join(', ') || 'none loaded';
  if (ref === undefined) {
    throw new UserError(`the default rubric "${id}" is not loaded (known: ${known}); run pmcoach validate to see why`);
  }
  throw new UserError(`question "${question.id}" names rubric "${id}", which is not loaded (known: ${known}); add it under a rubrics/ folder or fix the question`);
}

import type { Criterion, Question, Rubric } from '../questions/schema.js';
import type { StageId } from '../questions/stages.js';
import { UserError } from '../errors.js';

export const DEFAULT_RUBRIC_ID = 'trade-off';

/** The rubric a question is scored with, or undefined when it is not loaded (guidance and hints do without). Pure. */
export function rubricOrNone(question: Pick<Question, 'rubric'>, rubrics: readonly Rubric[]): Rubric | undefined {
  const ref = question.rubric;
  if (ref !== undefined && typeof ref === 'object') return ref;
  return rubrics.find((r) => r.id === (ref ?? DEFAULT_RUBRIC_ID));
}

/** The rubric a question is scored with: its inline rubric, the rubric it names, or the default; a UserError when it is not loaded. Pure. */
export function rubricFor(question: Pick<Question, 'id' | 'rubric'>, rubrics: readonly Rubric[]): Rubric {
  const found = rubricOrNone(question, rubrics);
  if (found) return found;
  const ref = question.rubric as string | undefined;
  const id = ref ?? DEFAULT_RUBRIC_ID;
  const known = rubrics.map((r) => r.id).join(', ') || 'none loaded';
  if (ref === undefined) {
    throw new UserError(`the default rubric "${id}" is not loaded (known: ${known}); run pmcoach validate to see why`);
  }
  throw new UserError(`question "${question.id}" names rubric "${id}", which is not loaded (known: ${known}); add it under a rubrics/ folder or fix the question`);
}

/** A criterion's stage when the rubric does not say, guessed from its id and title ("metrics" reads the metrics stage). */
const NATURAL_STAGE: Array<[RegExp, StageId]> = [
  [/clarif|scop/, 'clarifying'],
  [/stakehold/, 'stakeholders'],
  [/metric|measur/, 'metrics'],
  [/experiment|test/, 'experiments'],
  [/decision|recommend/, 'recommendation'],
];

/**
 * The stages a criterion mostly reads: the rubric's `stages`, else the one its id or title names, else none (it
 * reads the whole answer, as communication does). The one definition the judges and --focus weak share.
 */
export function criterionStages(criterion: Pick<Criterion, 'id' | 'stages'> & { title?: string }): StageId[] {
  if (criterion.stages && criterion.stages.length > 0) return [...criterion.stages];
  const name = `${criterion.id} ${criterion.title ?? ''}`.toLowerCase();
  return NATURAL_STAGE.filter(([re]) => re.test(name)).map(([, stage]) => stage).slice(0, 1);
}

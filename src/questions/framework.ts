import { DEFAULT_FRAMEWORK, type StageId } from './stages.js';
import type { Question } from './schema.js';

/** Minutes per stage: the default framework, then the question's, then the user's overrides. Pure. */
export function resolveFramework(
  questionFramework: Question['framework'],
  ...overrides: Array<Partial<Record<StageId, number>> | undefined>
): Record<StageId, number> {
  const out = { ...DEFAULT_FRAMEWORK };
  for (const layer of [questionFramework, ...overrides]) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer) as Array<[StageId, number | undefined]>) if (v !== undefined) out[k] = v;
  }
  return out;
}

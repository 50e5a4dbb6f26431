import { sep } from 'node:path';

export type FileKind = 'question' | 'rubric';

/** Files inside a folder named `rubrics` hold rubrics; every other YAML file holds questions. */
export function kindOfPath(path: string): FileKind {
  return path.split(sep).includes('rubrics') ? 'rubric' : 'question';
}

import { questionFileSchema, questionSchema, rubricSchema, type Question, type Rubric } from './schema.js';
import { decodeSource, parseYaml, validateParsed } from './parse.js';
import type { Problem } from './problems.js';

import type { FileKind } from './kind.js';

/**
 * Files of another kind that a caller accepts beside questions (answer files, mock scripts for
 * pmcoach validate): given the parsed YAML value, returns the parsed file with its problems, or
 * undefined when the value is not of that kind. Callers above this folder supply it.
 */
export type Recogniser<T> = (value: unknown, bytes: Uint8Array, file: string) => { parsed: T; problems: Problem[] } | undefined;

export interface FileResult<T = never> {
  file: string;
  questions: Array<{ question: Question; line: number; col: number }>;
  rubrics: Rubric[];
  /** Files the recogniser claimed. */
  others: T[];
  problems: Problem[];
}

/** Parses and validates one bank file's bytes. Pure: no I/O. */
export function parseBankFile<T = never>(bytes: Uint8Array, file: string, kind: FileKind, recognise?: Recogniser<T>): FileResult<T> {
  const out: FileResult<T> = { file, questions: [], rubrics: [], others: [], problems: [] };
  const decoded = decodeSource(bytes, file);
  if ('problem' in decoded) return { ...out, problems: [decoded.problem] };
  const { parsed, problems } = parseYaml(decoded.text, file);
  if (!parsed) return { ...out, problems };
  if (kind === 'rubric') {
    const r = validateParsed(parsed, rubricSchema, file);
    return { ...out, rubrics: r.value ? [r.value] : [], problems: r.problems };
  }
  const v = parsed.value;
  const other = recognise?.(v, bytes, file);
  if (other) return { ...out, others: [other.parsed], problems: other.problems };
  const isList = v !== null && typeof v === 'object' && !Array.isArray(v) && 'questions' in v && !('id' in v);
  if (isList) {
    const r = validateParsed(parsed, questionFileSchema, file);
    if (!r.value) return { ...out, problems: r.problems };
    const questions = r.value.questions.map((question, i) => ({ question, ...positionOf(parsed, ['questions', i, 'id']) }));
    return { ...out, questions };
  }
  const r = validateParsed(parsed, questionSchema, file);
  if (!r.value) return { ...out, problems: r.problems };
  return { ...out, questions: [{ question: r.value, ...positionOf(parsed, ['id']) }] };
}

function positionOf(parsed: NonNullable<ReturnType<typeof parseYaml>['parsed']>, path: Array<string | number>): { line: number; col: number } {
  const node: unknown = parsed.doc.getIn(path, true);
  const offset = (node as { range?: [number] } | undefined)?.range?.[0] ?? 0;
  return parsed.lines.linePos(offset);
}

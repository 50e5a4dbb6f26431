import { questionFileSchema, questionSchema, rubricSchema, type Question, type Rubric } from './schema.js';
import { decodeSource, nodeAt, parseYaml, validateParsed } from './parse.js';
import type { Problem } from './problems.js';

import type { FileKind } from './kind.js';

/**
 * Files of another kind that a caller accepts beside questions (answer files, mock scripts for
 * pmcoach validate): given the parsed YAML value, returns the parsed file with its problems, or
 * undefined when the value is not of that kind. Callers above this folder supply it.
 */
export type Recogniser<T> = (value: unknown, bytes: Uint8Array, file: string) => { parsed: T; problems: Problem[] } | undefined;

/** A question's `rubric: <id>`, valid question or not, with the position of its `rubric:` key. */
export interface RubricRef {
  id: string;
  line: number;
  col: number;
  /** Whose ref: the question id when the question itself is valid (an unknown rubric then drops it). */
  question?: string;
}

export interface FileResult<T = never> {
  file: string;
  questions: Array<{ question: Question; line: number; col: number }>;
  /** Every `rubric:` that names an id, so that an unknown one is reported beside the file's other problems. */
  rubricRefs: RubricRef[];
  rubrics: Rubric[];
  /** Files the recogniser claimed. */
  others: T[];
  problems: Problem[];
}

/** Parses and validates one bank file's bytes. Pure: no I/O. */
export function parseBankFile<T = never>(bytes: Uint8Array, file: string, kind: FileKind, recognise?: Recogniser<T>): FileResult<T> {
  const out: FileResult<T> = { file, questions: [], rubricRefs: [], rubrics: [], others: [], problems: [] };
  const decoded = decodeSource(bytes, file);
  if ('problem' in decoded) return { ...out, problems: [decoded.problem] };
  const { parsed, problems } = parseYaml(decoded.text, file);
  if (!parsed) return { ...out, problems };
  const v = parsed.value;
  if (kind === 'rubric' || looksLikeRubric(v)) {
    const r = validateParsed(parsed, rubricSchema, file);
    return { ...out, rubrics: r.value ? [r.value] : [], problems: r.problems };
  }
  const other = recognise?.(v, bytes, file);
  if (other) return { ...out, others: [other.parsed], problems: other.problems };
  const isList = isMapping(v) && 'questions' in v && !('id' in v);
  if (isList) {
    const r = validateParsed(parsed, questionFileSchema, file);
    const items = Array.isArray(v.questions) ? v.questions : [];
    const rubricRefs = items.flatMap((q, i) => refOf(parsed, q, ['questions', i], r.value?.questions[i]?.id));
    if (!r.value) return { ...out, rubricRefs, problems: r.problems };
    const questions = r.value.questions.map((question, i) => ({ question, ...positionOf(parsed, ['questions', i, 'id']) }));
    return { ...out, questions, rubricRefs };
  }
  const r = validateParsed(parsed, questionSchema, file);
  const rubricRefs = refOf(parsed, v, [], r.value?.id);
  if (!r.value) return { ...out, rubricRefs, problems: r.problems };
  return { ...out, questions: [{ question: r.value, ...positionOf(parsed, ['id']) }], rubricRefs };
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A rubric wherever it lives: criteria and no prompt (a question always has a prompt). */
function looksLikeRubric(v: unknown): boolean {
  return isMapping(v) && 'criteria' in v && !('prompt' in v) && !('questions' in v);
}

function refOf(parsed: NonNullable<ReturnType<typeof parseYaml>['parsed']>, q: unknown, at: Array<string | number>, question: string | undefined): RubricRef[] {
  if (!isMapping(q) || typeof q.rubric !== 'string') return [];
  return [{ id: q.rubric, ...keyPosition(parsed, [...at, 'rubric']), ...(question ? { question } : {}) }];
}

/** Where the key of `path` starts (the `rubric:` of `rubric: id`). */
function keyPosition(parsed: NonNullable<ReturnType<typeof parseYaml>['parsed']>, path: Array<string | number>): { line: number; col: number } {
  const node = nodeAt(parsed.doc, path, true);
  return parsed.lines.linePos(node?.range?.[0] ?? 0);
}

function positionOf(parsed: NonNullable<ReturnType<typeof parseYaml>['parsed']>, path: Array<string | number>): { line: number; col: number } {
  const node: unknown = parsed.doc.getIn(path, true);
  const offset = (node as { range?: [number] } | undefined)?.range?.[0] ?? 0;
  return parsed.lines.linePos(offset);
}

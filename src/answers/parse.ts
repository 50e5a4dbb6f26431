import { answerFileSchema, type AnswerFile } from './schema.js';
import { decodeSource, parseYaml, validateParsed } from '../questions/parse.js';
import type { Problem } from '../questions/problems.js';

export interface ParsedAnswerFile {
  file: string;
  answer?: AnswerFile;
  /** Position of the `question` field, for problems found later (an unknown question id). */
  questionAt: { line: number; col: number };
  /** Position of each key under `human`, for checking criterion ids against the rubric. */
  humanAt?: Record<string, { line: number; col: number }>;
  problems: Problem[];
}

/** Parses one answer file (YAML or JSON) with positioned problems. Pure. */
export function parseAnswerFile(bytes: Uint8Array, file: string): ParsedAnswerFile {
  const start = { line: 1, col: 1 };
  const decoded = decodeSource(bytes, file);
  if ('problem' in decoded) return { file, questionAt: start, problems: [decoded.problem] };
  const { parsed, problems } = parseYaml(decoded.text, file);
  if (!parsed) return { file, questionAt: start, problems };
  const node = parsed.doc.getIn(['question'], true) as { range?: [number] } | undefined;
  const questionAt = node?.range ? parsed.lines.linePos(node.range[0]) : start;
  const r = validateParsed(parsed, answerFileSchema, file);
  const humanAt: Record<string, { line: number; col: number }> = {};
  const human = parsed.doc.getIn(['human'], true) as { items?: Array<{ key?: { value?: unknown; range?: [number] } }> } | undefined;
  for (const pair of human?.items ?? []) if (pair.key?.range) humanAt[String(pair.key.value)] = parsed.lines.linePos(pair.key.range[0]);
  return { file, answer: r.value, questionAt, humanAt, problems: r.problems };
}

/** True when a parsed YAML value looks like an answer file rather than a question. */
export function looksLikeAnswerFile(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'answers' in value && !('id' in value);
}

/** Lets the bank loader read answer files beside questions (pmcoach validate). */
export function recogniseAnswerFile(value: unknown, bytes: Uint8Array, file: string): { parsed: ParsedAnswerFile; problems: Problem[] } | undefined {
  if (!looksLikeAnswerFile(value)) return undefined;
  const parsed = parseAnswerFile(bytes, file);
  return { parsed, problems: parsed.problems };
}

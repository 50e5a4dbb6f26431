import { compareText } from './suggest.js';

/** A problem found in a user's file, with the position the YAML parser gave it. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  /** Dotted path to the field, e.g. `facts.0.answer`; empty for the whole file. */
  field: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = `${p.file}:${p.line}:${p.col}`;
  return p.field ? `${where}  ${p.field}: ${p.message}` : `${where}  ${p.message}`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.col - b.col);
}

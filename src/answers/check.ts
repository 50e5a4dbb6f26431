import type { ParsedAnswerFile } from './parse.js';
import type { Problem } from '../questions/problems.js';
import { closest } from '../questions/suggest.js';

/** An answer file that names a question id must name one the bank has. Pure. */
export function checkAnswerRefs(files: readonly ParsedAnswerFile[], questionIds: readonly string[]): Problem[] {
  const known = new Set(questionIds);
  const problems: Problem[] = [];
  for (const f of files) {
    const q = f.answer?.question;
    if (typeof q !== 'string' || known.has(q)) continue;
    const near = closest(q, questionIds, 1)[0];
    problems.push({
      file: f.file,
      ...f.questionAt,
      field: 'question',
      message: `unknown question "${q}"${near ? `; did you mean "${near}"?` : '; use an id from pmcoach list or an inline question'}`,
    });
  }
  return problems;
}

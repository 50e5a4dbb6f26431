import type { ParsedAnswerFile } from './parse.js';
import type { Rubric } from '../questions/schema.js';
import type { Problem } from '../questions/problems.js';
import { closest } from '../questions/suggest.js';

/** An answer file that names a question id must name one the bank has. Pure. */
export function checkAnswerRefs(files: readonly ParsedAnswerFile[], questionIds: readonly string[]): Problem[] {
  const check = answerRefChecker(questionIds);
  return files.flatMap((f) => check(f));
}

/** `checkAnswerRefs` for one file at a time, against ids known once (grading reads thousands of files). */
export function answerRefChecker(questionIds: readonly string[]): (f: ParsedAnswerFile) => Problem[] {
  const known = new Set(questionIds);
  return (f) => {
    const q = f.answer?.question;
    if (typeof q !== 'string' || known.has(q)) return [];
    const near = closest(q, questionIds, 1)[0];
    const message = `unknown question "${q}"${near ? `; did you mean "${near}"?` : '; use an id from pmcoach list or an inline question'}`;
    return [{ file: f.file, ...f.questionAt, field: 'question', message }];
  };
}

/** A coach's grades must name criteria of the question's rubric. Pure. */
export function checkHumanGrades(f: ParsedAnswerFile, rubric: Pick<Rubric, 'id' | 'criteria'>): Problem[] {
  const ids = rubric.criteria.map((c) => c.id);
  return Object.keys(f.answer?.human ?? {})
    .filter((id) => !ids.includes(id))
    .map((id) => {
      const near = closest(id, ids, 1)[0];
      return {
        file: f.file,
        ...(f.humanAt?.[id] ?? f.questionAt),
        field: `human.${id}`,
        message: `not a criterion of rubric "${rubric.id}"${near ? `; did you mean "${near}"?` : ` (criteria: ${ids.join(', ')})`}`,
      };
    });
}

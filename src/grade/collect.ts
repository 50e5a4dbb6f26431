import { readFileSync } from 'node:fs';
import { displayPath, findFiles, NO_SUCH_PATH } from '../questions/load.js';
import { parseAnswerFile } from '../answers/parse.js';
import { answerRefChecker, checkHumanGrades } from '../answers/check.js';
import type { AnswerFile } from '../answers/schema.js';
import type { Question, Rubric } from '../questions/schema.js';
import type { Problem } from '../questions/problems.js';

export interface AnswerItem {
  file: string;
  answer: AnswerFile;
  question: Question;
}

export interface Collected {
  items: AnswerItem[];
  /** Files that could not be graded, with every problem found. */
  invalid: Array<{ file: string; problems: Problem[] }>;
}

/**
 * Reads answer files (YAML or JSON) from files and folders and resolves their questions against the bank.
 * A bad file is reported with its problems and skipped; the others go on.
 */
export function collectAnswers(paths: readonly string[], questions: readonly Question[], rubricOf?: (q: Question) => Rubric | undefined): Collected {
  const { files, missing } = findFiles(paths, /\.(ya?ml|json)$/i);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const checkRefs = answerRefChecker([...byId.keys()]);
  const items: AnswerItem[] = [];
  const invalid: Collected['invalid'] = missing.map((m) => ({ file: m, problems: [{ file: m, line: 1, col: 1, field: '', message: NO_SUCH_PATH }] }));
  for (const f of files) {
    const parsed = parseAnswerFile(readFileSync(f.path), displayPath(f.path));
    const problems = [...parsed.problems, ...checkRefs(parsed)];
    if (!parsed.answer || problems.length > 0) {
      invalid.push({ file: parsed.file, problems });
      continue;
    }
    const q = parsed.answer.question;
    const question = typeof q === 'string' ? byId.get(q)! : q;
    const rubric = parsed.answer.human ? rubricOf?.(question) : undefined;
    const humanProblems = rubric ? checkHumanGrades(parsed, rubric) : [];
    if (humanProblems.length > 0) {
      invalid.push({ file: parsed.file, problems: humanProblems });
      continue;
    }
    items.push({ file: parsed.file, answer: parsed.answer, question });
  }
  return { items, invalid };
}

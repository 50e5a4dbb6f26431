import type { Context } from '../context.js';
import { loadBank, questionDirs } from '../../questions/load.js';
import { formatProblem, sortProblems } from '../../questions/problems.js';
import { checkAnswerRefs, checkHumanGrades } from '../../answers/check.js';
import { rubricFor } from '../../scoring/rubric.js';
import { recogniseAnswerFile } from '../../answers/parse.js';
import { plural } from '../../text/format.js';
import { colors, print, printJson } from '../output.js';
import { UserError } from '../../errors.js';


export async function run(ctx: Context, paths: string[]): Promise<void> {
  const given = paths.length > 0;
  const loaded = await loadBank({
    paths: given ? paths : questionDirs(ctx.questionDirs, ctx.env),
    withBundledRubrics: given,
    recognise: recogniseAnswerFile,
  });
  // Answer files may name questions from the bank in use, not only from the paths given.
  const inUse = given && loaded.others.length > 0 ? await loadBank({ extraDirs: ctx.questionDirs, env: ctx.env }) : loaded;
  const refProblems = checkAnswerRefs(loaded.others, [...new Set([...inUse.questions, ...loaded.questions].map((q) => q.id))]);
  // A coach's grades (human:) must name criteria of the question's rubric.
  const questionsById = new Map([...inUse.questions, ...loaded.questions].map((q) => [q.id, q]));
  const rubrics = [...inUse.rubrics, ...loaded.rubrics];
  const humanProblems = loaded.others.flatMap((f) => {
    const q = f.answer?.question;
    const question = typeof q === 'string' ? questionsById.get(q) : q;
    if (!f.answer?.human || !question) return [];
    try {
      return checkHumanGrades(f, rubricFor(question, rubrics));
    } catch {
      return [];
    }
  });
  const problems = sortProblems([...loaded.problems, ...refProblems, ...humanProblems]);
  const bank = { ...loaded, problems, badFiles: [...new Set(problems.map((p) => p.file))] };
  const answers = loaded.others.filter((a) => a.answer).length;
  if (ctx.json) {
    printJson(ctx, { ok: bank.problems.length === 0, files: bank.fileCount, questions: bank.questions.length, rubrics: bank.rubrics.length, answerFiles: answers, problems: bank.problems });
    if (bank.problems.length > 0) process.exitCode = 1;
    return;
  }
  const c = colors(ctx);
  if (bank.problems.length > 0) {
    for (const p of bank.problems) print(ctx, formatProblem(p));
    throw new UserError(`${plural(bank.problems.length, 'problem')} in ${plural(bank.badFiles.length, 'file')}; fix them and run pmcoach validate again`);
  }
  if (bank.fileCount === 0) throw new UserError(`no YAML files found in ${paths.join(', ') || 'the question folders'}`);
  const counts = [plural(bank.questions.length, 'question'), plural(bank.rubrics.length, 'rubric'), ...(answers ? [plural(answers, 'answer file')] : [])];
  const list = counts.length === 3 ? `${counts[0]}, ${counts[1]} and ${counts[2]}` : counts.join(' and ');
  print(ctx, `${c.green('ok')}  ${list} in ${plural(bank.fileCount, 'file')}, no problems`);
}

import type { Context } from '../context.js';
import { loadBank, questionDirs } from '../../questions/load.js';
import { formatProblem } from '../../questions/problems.js';
import { colors, print, printJson } from '../output.js';
import { UserError } from '../errors.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function run(ctx: Context, paths: string[]): Promise<void> {
  const given = paths.length > 0;
  const bank = await loadBank({
    paths: given ? paths : questionDirs(ctx.questionDirs, ctx.env),
    withBundledRubrics: given,
  });
  if (ctx.json) {
    printJson(ctx, { ok: bank.problems.length === 0, files: bank.fileCount, questions: bank.questions.length, rubrics: bank.rubrics.length, problems: bank.problems });
    if (bank.problems.length > 0) process.exitCode = 1;
    return;
  }
  const c = colors(ctx);
  if (bank.problems.length > 0) {
    for (const p of bank.problems) print(ctx, formatProblem(p));
    throw new UserError(`${plural(bank.problems.length, 'problem')} in ${plural(bank.badFiles.length, 'file')}; fix them and run pmcoach validate again`);
  }
  if (bank.fileCount === 0) throw new UserError(`no YAML files found in ${paths.join(', ') || 'the question folders'}`);
  print(ctx, `${c.green('ok')}  ${plural(bank.questions.length, 'question')} and ${plural(bank.rubrics.length, 'rubric')} in ${plural(bank.fileCount, 'file')}, no problems`);
}

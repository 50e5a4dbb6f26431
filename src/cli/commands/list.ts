import type { Context } from '../context.js';
import { bankFor } from '../bank.js';
import { filterQuestions, type QuestionFilter } from '../../questions/filter.js';
import { compareText } from '../../questions/suggest.js';
import { colors, print, printJson, table } from '../output.js';

export async function run(ctx: Context, filter: QuestionFilter): Promise<void> {
  const bank = await bankFor(ctx);
  const found = filterQuestions(bank.questions, filter).sort((a, b) => compareText(a.id, b.id));
  if (ctx.json) return printJson(ctx, found);
  if (found.length === 0) {
    print(ctx, bank.questions.length === 0 ? 'No questions loaded.' : 'No question matches those filters.');
    return;
  }
  const c = colors(ctx);
  const rows = found.map((q) => [q.id, q.company ?? '', q.difficulty, q.tags.join(','), q.title]);
  print(ctx, table(['ID', 'COMPANY', 'DIFFICULTY', 'TAGS', 'TITLE'], rows, { maxWidth: ctx.stdout.isTTY ? ctx.stdout.columns : undefined, header: (s) => c.bold(s) }));
  print(ctx, c.dim(`${found.length} of ${bank.questions.length} question${bank.questions.length === 1 ? '' : 's'}`));
}

import type { Context } from '../context.js';
import { bankFor, findQuestion } from '../bank.js';
import { colors, print, printJson } from '../output.js';
import { UserError } from '../../errors.js';
import { listSessions } from '../../session/files.js';
import { modelAnswerMarkdown } from '../../transcript/model-answer.js';
import { terminalMarkdown } from '../markdown-view.js';

/**
 * `pmcoach answer <id>`: the question's model answer. Reading it before practising spoils the question, so in
 * a terminal a question never practised asks first (--yes skips that); without a terminal it just prints.
 */
export async function run(ctx: Context, id: string, opts: { yes?: boolean }): Promise<void> {
  const bank = await bankFor(ctx);
  const q = findQuestion(bank, id);
  if (!q.model_answer) throw new UserError(`question "${q.id}" has no model answer; add model_answer: (one entry per stage) to its YAML file`);
  if (ctx.json) return printJson(ctx, { id: q.id, title: q.title, model_answer: q.model_answer });
  const practised = listSessions(ctx.paths).sessions.some((s) => s.question.id === q.id && s.status === 'finished');
  if (!practised && !opts.yes && ctx.stdin.isTTY && ctx.stdout.isTTY) {
    const { confirm } = await import('../prompts/ask.js');
    const go = await confirm(ctx, `You have not practised "${q.title}" yet: reading its model answer spoils the question. Show it anyway?`, { default: false });
    if (!go) return print(ctx, colors(ctx).dim(`Practise it first: pmcoach practice ${q.id}`));
  }
  const md = modelAnswerMarkdown(q);
  print(ctx, ctx.stdout.isTTY ? terminalMarkdown(md, colors(ctx), ctx.stdout.columns) : md);
}

import type { Context } from '../context.js';
import { bankFor } from '../bank.js';
import { filterQuestions, type QuestionFilter } from '../../questions/filter.js';
import { compareText } from '../../questions/suggest.js';
import { colors, print, printJson, table } from '../output.js';
import { oneLine } from '../../text/sanitize.js';
import { listSessions } from '../../session/files.js';
import { questionRecords } from '../../history/attempts.js';

export async function run(ctx: Context, filter: QuestionFilter): Promise<void> {
  const bank = await bankFor(ctx);
  const found = filterQuestions(bank.questions, filter).sort((a, b) => compareText(a.id, b.id));
  const records = questionRecords(listSessions(ctx.paths).sessions);
  if (ctx.json) return printJson(ctx, found.map((q) => ({ ...q, practised: records.get(q.id) ?? null })));
  if (found.length === 0) {
    print(ctx, bank.questions.length === 0 ? 'No questions loaded.' : 'No question matches those filters.');
    return;
  }
  const c = colors(ctx);
  // BEST: the best score at a practised question ("—" for one never scored), with a ✓ when practised.
  const best = (id: string): string => {
    const r = records.get(id);
    return r ? `✓ ${r.best}` : '—';
  };
  const rows = found.map((q) => [oneLine(q.id), oneLine(q.company ?? ''), q.difficulty, best(q.id), oneLine(q.tags.join(',')), oneLine(q.title)]);
  print(
    ctx,
    table(['ID', 'COMPANY', 'DIFFICULTY', 'BEST', 'TAGS', 'TITLE'], rows, {
      maxWidth: ctx.stdout.isTTY ? ctx.stdout.columns : null,
      header: (s) => c.bold(s),
      // The id stays whole (it is what you type); tags go first, then company and difficulty; the title narrows.
      columns: [{ priority: 4, min: Infinity }, { priority: 1, drop: true }, { priority: 2, drop: true }, { priority: 3, min: Infinity }, { priority: 0, drop: true }, { priority: 3, min: 16 }],
    }),
  );
  print(ctx, c.dim(`${found.length} of ${bank.questions.length} question${bank.questions.length === 1 ? '' : 's'}`));
}

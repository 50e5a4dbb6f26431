import type { Context } from '../context.js';
import { bankFor, findQuestion } from '../bank.js';
import { colors, print, printJson } from '../output.js';
import { resolveFramework } from '../../questions/framework.js';
import { STAGE_IDS, STAGE_TITLES } from '../../questions/stages.js';
import { oneLine, stripControl } from '../../text/sanitize.js';

export async function run(ctx: Context, id: string): Promise<void> {
  const bank = await bankFor(ctx);
  const q = findQuestion(bank, id);
  if (ctx.json) return printJson(ctx, q);
  const c = colors(ctx);
  const minutes = resolveFramework(q.framework);
  const total = STAGE_IDS.reduce((sum, s) => sum + minutes[s], 0);
  // Everything here comes from a question file: control sequences are stripped before it reaches the terminal.
  const lines = [
    c.bold(oneLine(q.title)),
    [q.company, q.difficulty, q.category].filter(Boolean).map((s) => oneLine(String(s))).join(' · '),
    '',
    stripControl(q.prompt).trim(),
    '',
    `${c.bold('Tags:')} ${q.tags.length ? q.tags.map((t) => oneLine(t)).join(', ') : '(none)'}`,
    `${c.bold('Framework')} (${formatMinutes(total)} in all, without the follow-up):`,
    ...STAGE_IDS.map((s) => `  ${STAGE_TITLES[s].padEnd(22)} ${formatMinutes(minutes[s])}`),
    `${c.bold('Facts the interviewer can reveal:')} ${q.facts.length}`,
    `${c.bold('Follow-up questions:')} ${q.follow_ups.length}`,
    '',
    c.dim(`Practise it: pmcoach practice ${oneLine(q.id)}`),
  ];
  print(ctx, lines.join('\n'));
}

function formatMinutes(m: number): string {
  return Number.isInteger(m) ? `${m} min` : `${m.toFixed(1)} min`;
}

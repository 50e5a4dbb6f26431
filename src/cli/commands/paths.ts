import type { Context } from '../context.js';
import { questionDirs } from '../../questions/load.js';
import { print, printJson } from '../output.js';

export async function run(ctx: Context): Promise<void> {
  const info = { ...ctx.paths, questions: questionDirs(ctx.questionDirs, ctx.env) };
  if (ctx.json) return printJson(ctx, info);
  const rows: Array<[string, string]> = [
    ['home', info.home],
    ['config', info.config],
    ['sessions', info.sessions],
    ['mocks', info.mocks],
    ['transcripts', info.transcripts],
    ['cache', info.cache],
    ['batches', info.batches],
    ...info.questions.map((q, i): [string, string] => [i === 0 ? 'questions' : '', q]),
  ];
  print(ctx, rows.map(([k, v]) => `${k.padEnd(12)} ${v}`).join('\n'));
}

import type { Context } from '../context.js';
import { bankFor } from '../bank.js';
import { UserError } from '../../errors.js';
import { guidanceFor } from '../../session/guidance.js';
import type { SessionRecord } from '../../session/types.js';
import { readSession, readSessions, resolveRef } from '../../session/read.js';
import { requireTty } from '../prompts/index.js';
import { runSession } from './practice/run-session.js';
import { finishSession } from '../finish.js';
import { judgeFlags, type JudgeFlags } from '../judge-options.js';
import { interviewerFor, interviewerHooks } from './practice/interviewer-hooks.js';
import { note } from '../output.js';

const unfinished = (s: SessionRecord): boolean => s.status === 'in-progress' && s.origin === 'practice';

export async function run(ctx: Context, ref: string | undefined, opts: { editor?: boolean; menu?: boolean } & JudgeFlags): Promise<void> {
  requireTty(ctx.stdin, ctx.stdout, 'pmcoach resume');
  if (opts.editor && !ctx.settings.editor) throw new UserError('--editor needs $VISUAL or $EDITOR set, e.g. EDITOR=nano pmcoach resume --editor');
  const list = readSessions(ctx.paths);
  let id: string;
  if (ref === undefined) {
    const latest = list.sessions.filter(unfinished)[0];
    if (!latest) throw new UserError('no unfinished session to resume; start one with pmcoach practice (pmcoach sessions lists them all)');
    id = latest.id;
  } else id = resolveRef(list, ref, { latest: unfinished }).id;
  const session = readSession(ctx.paths, id);
  if (session.status === 'finished') throw new UserError(`session ${id} is already finished; start a new one with pmcoach practice ${session.question.id}`);
  if (session.origin !== 'practice') throw new UserError(`session ${id} came from pmcoach ${session.origin}, not practice; there is nothing to resume`);
  const bank = await bankFor(ctx);
  const notes: string[] = [];
  const hooks = interviewerHooks(interviewerFor(ctx, judgeFlags(opts), undefined, (n) => notes.push(n)), session.question, bank.rubrics);
  const done = await runSession(ctx, session, { useEditor: opts.editor === true, guidance: guidanceFor(session.question, bank.rubrics), hooks });
  for (const n of notes) note(ctx, n);
  if (!done) return;
  const { next } = await finishSession(ctx, done, { rubrics: bank.rubrics, judge: judgeFlags(opts), menu: opts.menu !== false });
  if (next === 'done') return;
  // Retry or Next from the menu after the card: practice goes on from here.
  const { practise } = await import('./practice/index.js');
  const options = { ...judgeFlags(opts), editor: opts.editor };
  await practise(ctx, bank, next === 'retry' ? { kind: 'id', id: session.question.id } : { kind: 'picker' }, options);
}

import { existsSync } from 'node:fs';
import type { Context } from '../context.js';
import { bankFor } from '../bank.js';
import { UserError } from '../../errors.js';
import { guidanceFor } from '../../session/guidance.js';
import type { SessionRecord } from '../../session/types.js';
import { saveSession } from '../../session/files.js';
import { readSession, readSessionFile, readSessions, resolveRef } from '../../session/read.js';
import { listMocks, mockOfSession, type MockRecord } from '../../mock/record.js';
import { requireTty } from '../prompts/index.js';
import { runSession } from './practice/run-session.js';
import { finishSession } from '../finish.js';
import { judgeFlags, type JudgeFlags } from '../judge-options.js';
import { interviewerFor, interviewerHooks } from './practice/interviewer-hooks.js';
import { note } from '../output.js';

type ResumeOptions = { editor?: boolean; menu?: boolean } & JudgeFlags;
type Target = { kind: 'session'; session: SessionRecord } | { kind: 'mock'; mock: MockRecord };

const unfinishedPractice = (s: SessionRecord): boolean => s.status === 'in-progress' && s.origin === 'practice';

export async function run(ctx: Context, ref: string | undefined, opts: ResumeOptions): Promise<void> {
  requireTty(ctx.stdin, ctx.stdout, 'pmcoach resume');
  if (opts.editor && !ctx.settings.editor) throw new UserError('--editor needs $VISUAL or $EDITOR set, e.g. EDITOR=nano pmcoach resume --editor');
  const target = find(ctx, ref);
  if (target.kind === 'mock') return resumeMock(ctx, target.mock, opts);
  const { session } = target;
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

/** What to resume: a rescue file, a mock by id, a session (a mock's session continues its mock), or the latest unfinished of either. */
function find(ctx: Context, ref: string | undefined): Target {
  if (ref !== undefined && /\.json$/i.test(ref) && existsSync(ref)) return fromRescue(ctx, ref);
  const mocks = listMocks(ctx.paths).filter((m) => m.status === 'in-progress');
  const list = readSessions(ctx.paths);
  if (ref === undefined) {
    const session = list.sessions.filter(unfinishedPractice)[0];
    const mock = mocks[0];
    if (mock && (!session || mock.updatedAt >= session.updatedAt)) return { kind: 'mock', mock };
    if (session) return { kind: 'session', session };
    throw new UserError('no unfinished session to resume; start one with pmcoach practice (pmcoach sessions lists them all)');
  }
  const mock = mocks.find((m) => m.id === ref) ?? (ref.startsWith('mock-') ? mocks.filter((m) => m.id.includes(ref)) : []).at(0);
  if (mock) return { kind: 'mock', mock };
  return ofSession(ctx, readSession(ctx.paths, resolveRef(list, ref, { latest: unfinishedPractice }).id));
}

function ofSession(ctx: Context, session: SessionRecord): Target {
  if (session.origin === 'mock') {
    const mock = mockOfSession(ctx.paths, session.id);
    if (mock && mock.status === 'in-progress') return { kind: 'mock', mock };
  }
  if (session.status === 'finished') throw new UserError(`session ${session.id} is already finished; start a new one with pmcoach practice ${session.question.id}`);
  if (session.origin !== 'practice') throw new UserError(`session ${session.id} came from pmcoach ${session.origin}, not practice; there is nothing to resume`);
  return { kind: 'session', session };
}

/** A rescue copy written when the data folder could not be: brought home (through the session schema), then resumed. */
function fromRescue(ctx: Context, path: string): Target {
  const read = readSessionFile(path);
  if ('problem' in read) throw new UserError(`the file is corrupt: ${path} (${read.problem})`);
  saveSession(ctx.paths, read.session);
  note(ctx, `Restored ${path} into ${ctx.paths.sessions}.`);
  return ofSession(ctx, read.session);
}

async function resumeMock(ctx: Context, mock: MockRecord, opts: ResumeOptions): Promise<void> {
  if (opts.editor) throw new UserError('--editor is for practice sessions; a mock interview runs in the built-in editor');
  const [{ runInteractiveMock }, { report }, bank] = await Promise.all([import('./mock/interactive.js'), import('./mock/index.js'), bankFor(ctx)]);
  const started = mock.plan.filter((p) => p.sessionId).length;
  note(ctx, `Resuming mock interview "${mock.title}" at question ${Math.max(1, started)} of ${mock.plan.length}.`);
  const sessions = await runInteractiveMock(ctx, mock, bank, { ...judgeFlags(opts), timeScale: mock.settings.timeScale, hardStop: mock.settings.hardStop });
  if (sessions) report(ctx, mock.script, sessions, mock.id);
}

import type { Context } from '../../context.js';
import type { Bank } from '../../../questions/load.js';
import type { Question } from '../../../questions/schema.js';
import type { MockScript } from '../../../mock/schema.js';
import type { SessionRecord } from '../../../session/types.js';
import { planMock } from '../../../mock/plan.js';
import { mockId, saveMock, type MockRecord } from '../../../mock/record.js';
import { pickQuestion } from '../../../session/pick.js';
import { createSession } from '../../../session/engine.js';
import { guidanceFor } from '../../../session/guidance.js';
import { resolveFramework } from '../../../questions/framework.js';
import { listSessions, newSessionId, saveSession } from '../../../session/files.js';
import { readSession } from '../../../session/read.js';
import { runSession } from '../practice/run-session.js';
import { breakScreen, openTerminal } from '../../prompts/index.js';
import { scoreSession } from '../../score-session.js';
import { judgeFlags, type JudgeFlags } from '../../judge-options.js';
import { UserError, EXIT_INTERRUPTED } from '../../../errors.js';
import { note } from '../../output.js';
import { followupMinutesFor, interviewerFor, interviewerHooks } from '../practice/interviewer-hooks.js';
import type { Interviewer } from '../../../interviewer/interviewer.js';
import { DEFAULT_FOLLOWUP_MINUTES } from '../practice/options.js';

export type MockOptions = JudgeFlags & { timeScale?: number; hardStop?: boolean };

/** A new mock interview: its questions drawn now and saved, so a stop part-way can be resumed. */
export function startMock(ctx: Context, script: MockScript, bank: Bank, opts: MockOptions, now = new Date()): MockRecord {
  const history = listSessions(ctx.paths).sessions;
  const plan = planMock(script, bank.questions, (candidates) => pickQuestion(candidates, history), 'mock script');
  const mock: MockRecord = {
    schemaVersion: 1,
    kind: 'mock',
    id: mockId(script.title, now),
    title: script.title,
    script,
    status: 'in-progress',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    settings: { timeScale: opts.timeScale ?? 1, hardStop: opts.hardStop === true },
    plan: plan.map((p) => ({ questionId: p.question.id })),
  };
  saveMock(ctx.paths, mock);
  return mock;
}

/** "Finished so far: 1. zoom-free-meeting-limit 72/100 (lean hire)": what a stopped mock already has. */
export function finishedLines(sessions: readonly SessionRecord[]): string[] {
  if (sessions.length === 0) return ['No question of this mock is finished yet.'];
  return ['Finished so far:', ...sessions.map((s, i) => `  ${i + 1}. ${s.question.id}  ${s.score ? `${s.score.overall}/100 (${s.score.verdict})` : 'not scored'}`)];
}

/**
 * Runs (or continues) a mock interview in the terminal: each planned question as a practice session, scored
 * when it ends, with a break screen before each new question. Finished questions are kept; a started one
 * resumes at its stage. Returns the scored sessions in order, or undefined when the mock stopped early.
 */
export async function runInteractiveMock(ctx: Context, mock: MockRecord, bank: Bank, opts: MockOptions): Promise<SessionRecord[] | undefined> {
  const sessions: SessionRecord[] = [];
  const notes: string[] = [];
  const interviewer = interviewerFor(ctx, judgeFlags(opts), mock.script.interviewer, (n) => notes.push(n));
  const resumeWith = `pmcoach resume ${mock.id}`;
  for (const [i, entry] of mock.plan.entries()) {
    let session = entry.sessionId ? readSession(ctx.paths, entry.sessionId) : undefined;
    if (session?.status === 'finished' && session.score) {
      sessions.push(session);
      continue;
    }
    if (!session) {
      if (i > 0 && mock.script.break_seconds > 0 && !(await takeBreak(ctx, mock, i, sessions, questionOf(bank, entry.questionId)))) return undefined;
      session = newMockSession(mock, i, questionOf(bank, entry.questionId), interviewer);
      saveSession(ctx.paths, session);
      entry.sessionId = session.id;
      saveMock(ctx.paths, { ...mock, updatedAt: new Date().toISOString() });
    }
    const done =
      session.status === 'finished'
        ? session
        : await runSession(ctx, session, {
            useEditor: false,
            guidance: guidanceFor(session.question, bank.rubrics),
            hooks: interviewerHooks(interviewer, session.question, bank.rubrics),
            resumeWith,
            onStop: () => finishedLines(sessions),
          });
    for (const n of notes.splice(0)) note(ctx, n);
    if (!done) return undefined;
    const scored: SessionRecord = { ...done, score: await scoreSession(ctx, done, bank, judgeFlags(opts)) };
    saveSession(ctx.paths, scored);
    sessions.push(scored);
  }
  saveMock(ctx.paths, { ...mock, status: 'finished', updatedAt: new Date().toISOString() });
  return sessions;
}

function questionOf(bank: Bank, id: string): Question {
  const q = bank.questions.find((x) => x.id === id);
  if (!q) throw new UserError(`question "${id}" of this mock interview is no longer in the bank; add its folder with --questions`);
  return q;
}

function newMockSession(mock: MockRecord, index: number, question: Question, interviewer: Interviewer): SessionRecord {
  const entry = mock.script.questions[index];
  const created = createSession(
    {
      id: newSessionId(question.id),
      question,
      minutes: resolveFramework(question.framework, entry?.framework),
      settings: { ...mock.settings, timer: true },
      ...followupMinutesFor(interviewer, question, DEFAULT_FOLLOWUP_MINUTES),
    },
    Date.now(),
  );
  return { ...created, origin: 'mock' };
}

/** The break before question `index`; false when Ctrl-C ended the mock there (it stays resumable). */
async function takeBreak(ctx: Context, mock: MockRecord, index: number, sessions: readonly SessionRecord[], next: Question): Promise<boolean> {
  const term = openTerminal(ctx.stdin, ctx.stdout);
  term.enter();
  const outcome = await breakScreen(term, { seconds: mock.script.break_seconds, next: next.title, index: index + 1, total: mock.plan.length });
  term.restore();
  if (outcome !== 'interrupt') return true;
  note(ctx, [`Mock interview stopped after ${index} of ${mock.plan.length} questions.`, ...finishedLines(sessions), `Resume with: pmcoach resume ${mock.id}`].join('\n'));
  process.exitCode = EXIT_INTERRUPTED;
  return false;
}

import type { Context } from '../../context.js';
import type { Bank } from '../../../questions/load.js';
import type { MockScript } from '../../../mock/schema.js';
import type { SessionRecord } from '../../../session/types.js';
import { planMock } from '../../../mock/plan.js';
import { pickQuestion } from '../../../session/pick.js';
import { createSession } from '../../../session/engine.js';
import { guidanceFor } from '../../../session/guidance.js';
import { resolveFramework } from '../../../questions/framework.js';
import { listSessions, newSessionId, saveSession } from '../../../session/files.js';
import { runSession } from '../practice/run-session.js';
import { breakScreen, openTerminal } from '../../prompts/index.js';
import { scoreSession } from '../../score-session.js';
import { judgeFlags, type JudgeFlags } from '../../judge-options.js';
import { EXIT_INTERRUPTED } from '../../../errors.js';
import { note } from '../../output.js';
import { followupMinutesFor, interviewerFor, interviewerHooks } from '../practice/interviewer-hooks.js';
import { DEFAULT_FOLLOWUP_MINUTES } from '../practice/options.js';

/**
 * A mock interview in the terminal: each planned question runs as a practice session, scored when it ends,
 * with a break screen between questions. Returns the scored sessions in order.
 */
export async function runInteractiveMock(ctx: Context, script: MockScript, bank: Bank, opts: JudgeFlags & { timeScale?: number; hardStop?: boolean }): Promise<SessionRecord[]> {
  const history = listSessions(ctx.paths).sessions;
  const plan = planMock(script, bank.questions, (candidates) => pickQuestion(candidates, history), 'mock script');
  const sessions: SessionRecord[] = [];
  const notes: string[] = [];
  const interviewer = interviewerFor(ctx, judgeFlags(opts), script.interviewer, (n) => notes.push(n));
  for (const [i, p] of plan.entries()) {
    if (i > 0 && script.break_seconds > 0) {
      const term = openTerminal(ctx.stdin, ctx.stdout);
      term.enter();
      const outcome = await breakScreen(term, { seconds: script.break_seconds, next: p.question.title, index: i + 1, total: plan.length });
      term.restore();
      if (outcome === 'interrupt') {
        note(ctx, `Mock interview stopped after ${i} of ${plan.length} questions; each finished question is in pmcoach history.`);
        process.exitCode = EXIT_INTERRUPTED;
        return sessions;
      }
    }
    const settings = { hardStop: opts.hardStop === true, timeScale: opts.timeScale ?? 1, timer: true };
    const created = createSession(
      {
        id: newSessionId(p.question.id),
        question: p.question,
        minutes: resolveFramework(p.question.framework, p.entry.framework),
        settings,
        ...followupMinutesFor(interviewer, p.question, DEFAULT_FOLLOWUP_MINUTES),
      },
      Date.now(),
    );
    const session: SessionRecord = { ...created, origin: 'mock' };
    const hooks = interviewerHooks(interviewer, p.question, bank.rubrics);
    const done = await runSession(ctx, session, { useEditor: false, guidance: guidanceFor(p.question, bank.rubrics), hooks });
    for (const n of notes.splice(0)) note(ctx, n);
    if (!done) return sessions;
    const score = await scoreSession(ctx, done, bank, judgeFlags(opts));
    const scored: SessionRecord = { ...done, score };
    saveSession(ctx.paths, scored);
    sessions.push(scored);
  }
  return sessions;
}

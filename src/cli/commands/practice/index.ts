import type { Context } from '../../context.js';
import { bankFor, findQuestion } from '../../bank.js';
import { UserError, usageError } from '../../../errors.js';
import { filterQuestions, type QuestionFilter } from '../../../questions/filter.js';
import { resolveFramework } from '../../../questions/framework.js';
import { createSession } from '../../../session/engine.js';
import { guidanceFor } from '../../../session/guidance.js';
import { pickQuestion } from '../../../session/pick.js';
import { listSessions, newSessionId } from '../../../session/files.js';
import { parseMinutes, splitMinutes } from './options.js';
import { followupMinutesFor, interviewerFor, interviewerHooks } from './interviewer-hooks.js';
import { note } from '../../output.js';
import { requireTty } from '../../prompts/index.js';
import { runSession } from './run-session.js';
import { finishSession } from '../../finish.js';
import { judgeFlags, type JudgeFlags } from '../../judge-options.js';

export interface PracticeOptions extends Pick<QuestionFilter, 'tag' | 'company' | 'difficulty'>, JudgeFlags {
  minutes?: string;
  timeScale?: number;
  /** false with --no-timer. */
  timer?: boolean;
  hardStop?: boolean;
  editor?: boolean;
  /** `weak`: prefer questions that exercise the criteria you score lowest on. */
  focus?: 'weak';
}

export async function run(ctx: Context, id: string | undefined, opts: PracticeOptions): Promise<void> {
  const minutes = splitMinutes(parseMinutes(opts.minutes));
  if (opts.hardStop && opts.timer === false) throw usageError('--hard-stop needs the timer; drop --no-timer or --hard-stop');
  const filtered = Boolean(opts.tag?.length || opts.company || opts.difficulty);
  if (id && (filtered || opts.focus)) throw usageError('give a question id or a way to pick one (--tag, --company, --difficulty, --focus), not both');
  requireTty(ctx.stdin, ctx.stdout, 'pmcoach practice');
  if (opts.editor && !ctx.settings.editor) throw new UserError('--editor needs $VISUAL or $EDITOR set, e.g. EDITOR=nano pmcoach practice --editor');

  const bank = await bankFor(ctx);
  let question;
  if (id) question = findQuestion(bank, id);
  else {
    const candidates = filterQuestions(bank.questions, opts);
    const history = listSessions(ctx.paths).sessions;
    if (opts.focus === 'weak') {
      const { pickFocus } = await import('../../../history/focus.js');
      const focus = pickFocus(candidates, history, Math.random, { rubrics: bank.rubrics });
      if (focus) note(ctx, `Picked ${focus.question.id}: ${focus.reason}.`);
      question = focus?.question;
    } else question = pickQuestion(candidates, history);
    if (!question) throw new UserError(filtered ? 'no question matches those filters; run pmcoach list to see the questions' : 'no questions loaded; run pmcoach validate');
  }
  const settings = { hardStop: opts.hardStop === true, timeScale: opts.timeScale ?? 1, timer: opts.timer !== false };
  const notes: string[] = [];
  const interviewer = interviewerFor(ctx, judgeFlags(opts), undefined, (n) => notes.push(n));
  const session = createSession(
    { id: newSessionId(question.id), question, minutes: resolveFramework(question.framework, minutes.stages), settings, ...followupMinutesFor(interviewer, question, minutes.followup) },
    Date.now(),
  );
  const hooks = interviewerHooks(interviewer, question, bank.rubrics);
  const done = await runSession(ctx, session, { useEditor: opts.editor === true, guidance: guidanceFor(question, bank.rubrics), hooks });
  for (const n of notes) note(ctx, n);
  if (done) await finishSession(ctx, done, { rubrics: bank.rubrics, judge: judgeFlags(opts) });
}

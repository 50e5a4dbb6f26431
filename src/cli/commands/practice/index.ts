import type { Context } from '../../context.js';
import { bankFor, findQuestion } from '../../bank.js';
import { UserError, usageError } from '../../../errors.js';
import { filterQuestions, type QuestionFilter } from '../../../questions/filter.js';
import { resolveFramework } from '../../../questions/framework.js';
import type { Bank } from '../../../questions/load.js';
import type { Question } from '../../../questions/schema.js';
import { createSession } from '../../../session/engine.js';
import { guidanceFor } from '../../../session/guidance.js';
import { pickQuestion } from '../../../session/pick.js';
import { listSessions, newSessionId } from '../../../session/files.js';
import { parseMinutes, splitMinutes } from './options.js';
import { followupMinutesFor, interviewerFor, interviewerHooks } from './interviewer-hooks.js';
import { colors, note } from '../../output.js';
import { requireTty } from '../../prompts/index.js';
import { runSession } from './run-session.js';
import { finishSession } from '../../finish.js';
import { judgeFlags, judgeSettingsFrom, type JudgeFlags } from '../../judge-options.js';
import { practisedById, pickerChoices } from './picker.js';
import { READY_HINT, readyLines } from './ready.js';
import { questionRecords } from '../../../history/attempts.js';
import { formatDate } from '../../../text/format.js';

export interface PracticeOptions extends Pick<QuestionFilter, 'tag' | 'company' | 'difficulty'>, JudgeFlags {
  minutes?: string;
  timeScale?: number;
  /** false with --no-timer. */
  timer?: boolean;
  hardStop?: boolean;
  editor?: boolean;
  /** `weak`: prefer questions that exercise the criteria you score lowest on. */
  focus?: 'weak';
  /** --random: today's pick (least practised first) without the picker. */
  random?: boolean;
  /** false with --no-ready: the clock starts at once. */
  ready?: boolean;
  /** false with --no-menu: the card and the details, no menu after the session. */
  menu?: boolean;
}

/** How the first question is chosen: given, picked from a list, at random (least practised first), or for the weakest criteria. */
export type PickMode = { kind: 'id'; id: string } | { kind: 'picker' } | { kind: 'random' } | { kind: 'weak' };

/** What the loop reports: the user is done, or went back (Esc) to whoever opened practice (the home menu). */
export type PracticeEnd = 'done' | 'back';

export function checkOptions(id: string | undefined, opts: PracticeOptions): PickMode {
  splitMinutes(parseMinutes(opts.minutes));
  if (opts.hardStop && opts.timer === false) throw usageError('--hard-stop needs the timer; drop --no-timer or --hard-stop');
  const filtered = Boolean(opts.tag?.length || opts.company || opts.difficulty);
  if (id && (filtered || opts.focus || opts.random)) throw usageError('give a question id or a way to pick one (--tag, --company, --difficulty, --focus, --random), not both');
  if (opts.focus && opts.random) throw usageError('--focus weak and --random are two ways to pick; give one');
  if (id) return { kind: 'id', id };
  if (opts.focus === 'weak') return { kind: 'weak' };
  return opts.random ? { kind: 'random' } : { kind: 'picker' };
}

export async function run(ctx: Context, id: string | undefined, opts: PracticeOptions): Promise<void> {
  const mode = checkOptions(id, opts);
  judgeSettingsFrom(ctx, judgeFlags(opts));
  requireTty(ctx.stdin, ctx.stdout, 'pmcoach practice');
  if (opts.editor && !ctx.settings.editor) throw new UserError('--editor needs $VISUAL or $EDITOR set, e.g. EDITOR=nano pmcoach practice --editor');
  const bank = await bankFor(ctx);
  if ((await practise(ctx, bank, mode, opts)) === 'back') process.exitCode = 130;
}

/** The question for a pick mode, with why it was picked; undefined when the user went back from the picker. */
export async function chooseQuestion(ctx: Context, bank: Bank, mode: PickMode, opts: PracticeOptions, exclude?: string): Promise<{ question: Question; reason?: string } | undefined> {
  if (mode.kind === 'id') return { question: findQuestion(bank, mode.id) };
  const filtered = Boolean(opts.tag?.length || opts.company || opts.difficulty);
  const all = filterQuestions(bank.questions, opts);
  const candidates = all.length > 1 && exclude ? all.filter((q) => q.id !== exclude) : all;
  if (candidates.length === 0) throw new UserError(filtered ? 'no question matches those filters; run pmcoach list to see the questions' : 'no questions loaded; run pmcoach validate');
  const history = listSessions(ctx.paths).sessions;
  if (mode.kind === 'weak') {
    const { pickFocus } = await import('../../../history/focus.js');
    const focus = pickFocus(candidates, history, Math.random, { rubrics: bank.rubrics });
    if (focus) return { question: focus.question, reason: focus.reason };
    return { question: pickQuestion(candidates, history)!, reason: 'no scored sessions yet, so one you have practised least' };
  }
  if (mode.kind === 'random') return { question: pickQuestion(candidates, history)! };
  const { pick, isBack } = await import('../../prompts/ask.js');
  const practised = practisedById(history);
  const c = colors(ctx);
  const chosen = await pick(ctx, `Pick a question (${candidates.length}; type to filter by title, company or tag)`, (term) => pickerChoices(candidates, practised, term, c, ctx.stdout.columns || 80), { back: true });
  return isBack(chosen) ? undefined : { question: chosen };
}

/**
 * Practice until the user is done: the ready screen, the session, the result card and its menu, again for
 * "Retry" and "Next question". Esc on the first ready screen or picker goes back to the caller.
 */
export async function practise(ctx: Context, bank: Bank, mode: PickMode, opts: PracticeOptions): Promise<PracticeEnd> {
  let via = mode;
  let picked = await chooseQuestion(ctx, bank, via, opts);
  let sessions = 0;
  while (picked) {
    const { question, reason } = picked;
    if (reason && opts.ready === false) note(ctx, `Picked ${question.id}: ${reason}.`);
    const after = await practiseOne(ctx, bank, question, opts, reason);
    if (after === 'back') {
      // Esc on the ready screen: back to the picker it came from, else out.
      if (via.kind !== 'picker') break;
      picked = await chooseQuestion(ctx, bank, via, opts);
      continue;
    }
    sessions++;
    if (after === 'retry') {
      via = { kind: 'id', id: question.id };
      picked = { question };
    } else if (after === 'next') {
      via = { kind: 'picker' };
      picked = await chooseQuestion(ctx, bank, via, opts, question.id);
    } else return 'done';
  }
  return sessions === 0 ? 'back' : 'done';
}

/** One question from the ready screen to the menu after its card. */
async function practiseOne(ctx: Context, bank: Bank, question: Question, opts: PracticeOptions, reason?: string): Promise<'back' | 'retry' | 'next' | 'done'> {
  const minutes = splitMinutes(parseMinutes(opts.minutes));
  const settings = { hardStop: opts.hardStop === true, timeScale: opts.timeScale ?? 1, timer: opts.timer !== false };
  const notes: string[] = [];
  const interviewer = interviewerFor(ctx, judgeFlags(opts), undefined, (n) => notes.push(n));
  const draft = createSession(
    { id: newSessionId(question.id), question, minutes: resolveFramework(question.framework, minutes.stages), settings, ...followupMinutesFor(interviewer, question, minutes.followup) },
    Date.now(),
  );
  // Practised before: the last score and date, on the ready screen (or as a note without it).
  const record = questionRecords(listSessions(ctx.paths).sessions).get(question.id);
  const before = record ? `You practised this before: ${record.last}/100 on ${formatDate(record.lastDate).slice(0, 10)}${record.attempts > 1 ? ` (${record.attempts} attempts, best ${record.best})` : ''}; the score will show what changed.` : undefined;
  if (before && opts.ready === false) note(ctx, before);
  if (opts.ready !== false) {
    const { screen } = await import('../../prompts/ask.js');
    const seconds = Object.fromEntries(draft.stages.map((s) => [s.id, s.secondsAllotted])) as Record<(typeof draft.stages)[number]['id'], number>;
    const lines = readyLines({ question, seconds, followupSeconds: draft.settings.followupSeconds, timer: settings.timer, hardStop: settings.hardStop, reason, before }, colors(ctx), ctx.stdout.columns || 80, ctx.stdout.rows || 24);
    if ((await screen(ctx, lines, READY_HINT)) === 'back') return 'back';
  }
  // The clock starts now, not when the ready screen opened.
  const now = new Date().toISOString();
  const session = { ...draft, createdAt: now, updatedAt: now };
  const hooks = interviewerHooks(interviewer, question, bank.rubrics);
  const done = await runSession(ctx, session, { useEditor: opts.editor === true, guidance: guidanceFor(question, bank.rubrics), hooks });
  for (const n of notes) note(ctx, n);
  if (!done) return 'done';
  const { next } = await finishSession(ctx, done, { rubrics: bank.rubrics, judge: judgeFlags(opts), menu: opts.menu !== false });
  return next;
}

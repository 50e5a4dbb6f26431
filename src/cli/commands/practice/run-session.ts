import { join } from 'node:path';
import type { Context } from '../../context.js';
import { colors, note, print } from '../../output.js';
import { STAGE_IDS, STAGE_TITLES, type StageId } from '../../../questions/stages.js';
import type { Exchange, FollowUp, SessionRecord } from '../../../session/types.js';
import { systemTimers, type Timers } from '../../../session/clock.js';
import { autosaveInterval, DraftSaver } from '../../../session/draft-saver.js';
import { lockSession } from '../../../session/lock.js';
import { installGuard } from '../../guard.js';
import { saveSession } from '../../../session/files.js';
import { PracticeDriver } from './driver.js';
import {
  answerFromEditorFile,
  editorFileText,
  mmss,
  openTerminal,
  promptStage,
  runExternalEditor,
  SKIP_LINE,
  waitScreen,
  type StageOutcome,
  type StagePromptOptions,
  type Terminal,
} from '../../prompts/index.js';

/** The interviewer's part in a session (src/cli/practice/interviewer-hooks.ts builds them). */
export interface PracticeHooks {
  /** The candidate asked the interviewer a question (a `?` line during clarifying); `onText` sees a streamed reply so far. */
  ask?: (question: string, session: SessionRecord, onText?: (text: string) => void) => Promise<Exchange | undefined>;
  /** The push-back after the recommendation (sessions with `settings.followupSeconds`); undefined when there is none. */
  pushBack?: (session: SessionRecord, onText?: (text: string) => void) => Promise<{ q: string; source?: FollowUp['source'] } | undefined>;
  /** The interviewer's name on screen. */
  interviewerName?: string;
}

/** What the follow-up screen says a strong answer does. */
export const FOLLOWUP_GUIDANCE = [
  'Defend or adapt your recommendation: say what you keep, what you change, and why.',
  'Use a number, a trigger or a mitigation where you can.',
];

export interface RunOptions {
  /** Answer each stage in $VISUAL/$EDITOR instead of the built-in editor. */
  useEditor: boolean;
  /** What continues this session after a stop (default `pmcoach resume <session id>`; a mock names itself). */
  resumeWith?: string;
  /** Lines to add when the session stops early (a mock lists the questions it finished). */
  onStop?: () => string[];
  guidance: Record<StageId, readonly string[]>;
  hooks?: PracticeHooks;
  timers?: Timers;
}

/**
 * Runs a practice session from wherever it stands (new or resumed) to the end. The driver owns the state;
 * this wires it to the screen, the autosave timer, the signal guard and the interviewer. Saves happen after
 * every stage, every few seconds while typing, and on any signal or crash, and a failed save never ends the
 * session (see PracticeDriver). Returns the finished session; the caller scores and saves it (finishSession)
 * or, in a mock interview, goes on to the next question.
 */
export async function runSession(ctx: Context, session: SessionRecord, opts: RunOptions): Promise<SessionRecord | undefined> {
  const timers = opts.timers ?? systemTimers;
  const name = opts.hooks?.interviewerName ?? 'Interviewer';
  /** The interviewer in a sentence: "the interviewer", or their name. */
  const who = name === 'Interviewer' ? 'the interviewer' : name;
  const Who = who[0]!.toUpperCase() + who.slice(1);
  const lock = lockSession(ctx.paths, session.id);
  if (lock.tookOver) note(ctx, lock.tookOver);
  const driver = new PracticeDriver(session, timers, { write: (s) => saveSession(ctx.paths, s), where: ctx.paths.sessions });
  const hint = `Resume with: ${opts.resumeWith ?? `pmcoach resume ${session.id}`}`;
  const stopped = (message: string): string => [message, ...(opts.onStop?.() ?? [])].join('\n');
  const saver = new DraftSaver(() => driver.save(), timers, autosaveInterval(ctx.env));
  const term: Terminal | null = opts.useEditor ? null : openTerminal(ctx.stdin, ctx.stdout);
  const guard = installGuard({
    sessionId: session.id,
    restore: () => term?.restore(),
    save: () => {
      saver.dispose();
      driver.interrupted();
      const { message } = driver.saveOrRescue(hint);
      lock.release();
      return stopped(message);
    },
    write: (text) => void ctx.stderr.write(text),
  });

  if (opts.useEditor && session.settings.hardStop) note(ctx, 'note: --hard-stop has no effect with --editor; the time used is still recorded.');
  try {
    term?.enter();
    saver.flush();
    while (!driver.finished) {
      if (driver.phase === 'awaiting-followup') {
        const next = await awaitPushBack();
        if (next === 'interrupt') return void guard.interrupt();
        if (next) driver.followUpStarted(next.q, next.source);
        else driver.followUpDropped();
        saver.flush();
        continue;
      }
      const outcome = term ? await typeStage(term) : editStage();
      driver.detach();
      if (outcome.kind === 'interrupt') {
        driver.typed(outcome.text);
        return void guard.interrupt();
      }
      if (outcome.kind === 'submit') driver.submitted(outcome.text);
      else if (outcome.kind === 'skip') driver.skipped(outcome.text);
      // 'time-up': the driver already ended the stage when it read the clock.
      saver.flush();
    }
  } catch (error) {
    // A crash (or a failing editor) saves the draft before the error reaches main's stack trace.
    term?.restore();
    saver.dispose();
    driver.interrupted();
    note(ctx, stopped(driver.saveOrRescue(hint).message.replace(/^Saved\./, 'Draft saved.')));
    throw error;
  } finally {
    saver.dispose();
    guard.uninstall();
    term?.restore();
  }
  if (driver.pendingReplies.length > 0) {
    note(ctx, `Waiting for ${who}'s last reply…`);
    await Promise.allSettled(driver.pendingReplies);
  }
  lock.release();
  if (!driver.save()) note(ctx, driver.saveOrRescue(hint).message);
  print(ctx, summary(driver.session, colors(ctx)));
  return driver.session;

  /** The screen for what is being answered now: a stage, or the follow-up. */
  function screenFor(): StagePromptOptions['screen'] & { text: string; left: number; file: string } {
    const s = driver.session;
    const stage = driver.stage;
    const common = { questionTitle: s.question.title, stageCount: STAGE_IDS.length, hardStop: s.settings.hardStop && s.settings.timer };
    if (!stage) {
      const f = s.followup!;
      return { ...common, prompt: `${name}: ${f.q}`, stageTitle: `Follow-up from ${who}`, stageNumber: STAGE_IDS.length, position: 'follow-up', guidance: FOLLOWUP_GUIDANCE, text: f.answer, left: (f.secondsAllotted ?? 0) - (f.secondsUsed ?? 0), file: 'followup' };
    }
    return {
      ...common,
      prompt: s.question.prompt,
      stageTitle: STAGE_TITLES[stage.id],
      stageNumber: STAGE_IDS.indexOf(stage.id) + 1,
      guidance: opts.guidance[stage.id],
      text: stage.text,
      left: stage.secondsAllotted - stage.secondsUsed,
      file: stage.id,
    };
  }

  /** Asks the hook for the push-back, a spinner on screen meanwhile (a model may take a while); Ctrl-C saves. */
  async function awaitPushBack(): Promise<{ q: string; source?: FollowUp['source'] } | undefined | 'interrupt'> {
    const hook = opts.hooks?.pushBack;
    if (!hook) return undefined;
    let sink: ((text: string) => void) | undefined;
    const work = Promise.allSettled(driver.pendingReplies).then(() => hook(driver.session, (t) => sink?.(t)));
    if (!term) {
      note(ctx, `${Who} is preparing a follow-up question…`);
      return work;
    }
    const screen = waitScreen(term, `${Who} is preparing a follow-up question… (Ctrl-C saves and quits)`, work);
    sink = screen.stream;
    const outcome = await screen.outcome;
    return outcome.kind === 'interrupt' ? 'interrupt' : outcome.value;
  }

  async function typeStage(t: Terminal): Promise<StageOutcome> {
    const { text, ...screen } = screenFor();
    const ask = opts.hooks?.ask;
    const interviewing = ask !== undefined;
    const asking = interviewing && driver.stage?.id === 'clarifying';
    const prompt = promptStage(t, {
      screen: asking ? { ...screen, askHint: `Ask ${who} a question: start a line with "?" and press Enter (the clock keeps running)` } : screen,
      initialText: text,
      clock: () => driver.ticked(),
      onEdit: () => saver.changed(),
      onAsk: asking
        ? async (question, onText) => {
            let partial = '';
            const reply = ask(question, driver.session, (p) => {
              partial = p;
              onText(p);
            });
            const exchange = await driver.asked(question, reply, () => partial);
            saver.changed();
            return exchange?.a;
          }
        : undefined,
      askElsewhere: interviewing && !asking && driver.stage !== undefined,
      askLabel: name,
      warning: () => driver.saveProblem,
      color: colors(ctx),
    });
    driver.attach(prompt.text);
    return prompt.done;
  }

  function editStage(): StageOutcome {
    const screen = screenFor();
    const time = driver.session.settings.timer ? `${mmss(Math.max(0, screen.left))} left` : 'no timer';
    const where = screen.position === 'follow-up' ? screen.stageTitle : `Stage ${screen.stageNumber} of ${screen.stageCount}: ${screen.stageTitle}`;
    note(ctx, `${where} (${time}); opening your editor…`);
    const file = join(ctx.paths.sessions, `.${session.id}.${screen.file}.md`);
    const content = editorFileText({ question: `${screen.questionTitle}\n${screen.prompt}`, stage: screen.stageTitle, guidance: screen.guidance, time }, screen.text);
    const text = answerFromEditorFile(runExternalEditor(ctx.settings.editor, file, content));
    return text.trim() === SKIP_LINE ? { kind: 'skip', text: '' } : { kind: 'submit', text };
  }
}

/** The end-of-session table: time used per stage against time given, overtime, skips. Pure. */
export function summary(session: SessionRecord, c: { bold: (s: string) => string; red: (s: string) => string; dim: (s: string) => string }): string {
  // A stage submitted with nothing in it is empty, not answered.
  const answered = session.stages.filter((s) => s.status === 'done' && s.text.trim() !== '').length;
  const lines = [c.bold(`Session ${session.id}: ${answered} of ${session.stages.length} stages answered.`)];
  const row = (title: string, text: string, skipped: boolean, usedSeconds: number, allotted: number | undefined, overtime: number): string => {
    const words = text.trim() ? text.trim().split(/\s+/).length : 0;
    const used = session.settings.timer && allotted !== undefined ? `${mmss(usedSeconds)} of ${mmss(allotted)}` : mmss(usedSeconds);
    const over = overtime > 0 ? '  ' + c.red(`+${mmss(overtime)} over`) : '';
    const mark = skipped ? c.dim('skipped') + '   ' : words === 0 ? c.dim('empty') + '     ' : '';
    return `  ${title.padEnd(22)} ${mark}${used}  ${c.dim(`${words} word${words === 1 ? '' : 's'}`)}${over}`;
  };
  for (const s of session.stages) lines.push(row(STAGE_TITLES[s.id], s.text, s.status === 'skipped', s.secondsUsed, s.secondsAllotted, s.overtimeSeconds));
  const f = session.followup;
  if (f && f.status !== 'active') lines.push(row('Follow-up', f.answer, f.status === 'skipped', f.secondsUsed ?? 0, f.secondsAllotted, f.overtimeSeconds ?? 0));
  return lines.join('\n');
}

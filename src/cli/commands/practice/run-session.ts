import type { Context } from '../../context.js';
import { colors, note, print } from '../../output.js';
import { STAGE_TITLES, type StageId } from '../../../questions/stages.js';
import type { Exchange, FollowUp, SessionRecord } from '../../../session/types.js';
import { systemTimers, type Timers } from '../../../session/clock.js';
import { autosaveInterval, DraftSaver } from '../../../session/draft-saver.js';
import { lockSession } from '../../../session/lock.js';
import { installGuard } from '../../guard.js';
import { saveSession } from '../../../session/files.js';
import { PracticeDriver } from './driver.js';
import { mmss, openTerminal, type Terminal } from '../../prompts/index.js';
import { StageScreens } from './screens.js';

/** The interviewer's part in a session (src/cli/practice/interviewer-hooks.ts builds them). */
export interface PracticeHooks {
  /** The candidate asked the interviewer a question (a `?` line during clarifying); `onText` sees a streamed reply so far. */
  ask?: (question: string, session: SessionRecord, onText?: (text: string) => void) => Promise<Exchange | undefined>;
  /** The push-back after the recommendation (sessions with `settings.followupSeconds`); undefined when there is none. */
  pushBack?: (session: SessionRecord, onText?: (text: string) => void) => Promise<{ q: string; source?: FollowUp['source'] } | undefined>;
  /** The interviewer's name on screen. */
  interviewerName?: string;
}

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
  const lock = lockSession(ctx.paths, session.id);
  if (lock.tookOver) note(ctx, lock.tookOver);
  const driver = new PracticeDriver(session, timers, { write: (s) => saveSession(ctx.paths, s), where: ctx.paths.sessions });
  const hint = `Resume with: ${opts.resumeWith ?? `pmcoach resume ${session.id}`}`;
  const stopped = (message: string): string => [message, ...(opts.onStop?.() ?? [])].join('\n');
  const saver = new DraftSaver(() => driver.save(), timers, autosaveInterval(ctx.env));
  const term: Terminal | null = opts.useEditor ? null : openTerminal(ctx.stdin, ctx.stdout);
  const screens = new StageScreens({ ctx, opts, driver, saver, name, who, sessionId: session.id });
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
        const next = await screens.awaitPushBack(term);
        if (next === 'interrupt') return void guard.interrupt();
        if (next) driver.followUpStarted(next.q, next.source);
        else driver.followUpDropped();
        saver.flush();
        continue;
      }
      const outcome = term ? await screens.typeStage(term) : screens.editStage();
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

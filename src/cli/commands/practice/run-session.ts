import { join } from 'node:path';
import type { Context } from '../../context.js';
import { colors, note, print } from '../../output.js';
import { STAGE_IDS, STAGE_TITLES, type StageId } from '../../../questions/stages.js';
import type { Exchange, FollowUp, SessionRecord } from '../../../session/types.js';
import { systemTimers, type Timers } from '../../../session/clock.js';
import { autosaveInterval, DraftSaver } from '../../../session/draft-saver.js';
import { installGuard } from '../../guard.js';
import {
  begin,
  clockOf,
  currentStage,
  dropFollowUp,
  interrupt,
  isFinished,
  msToNextSecond,
  phaseOf,
  recordAsked,
  skip,
  snapshot,
  startFollowUp,
  submit,
  tick,
  type,
  type EngineState,
} from '../../../session/engine.js';
import { saveSession } from '../../../session/files.js';
import {
  answerFromEditorFile,
  editorFileText,
  formatCountdown,
  mmss,
  openTerminal,
  promptStage,
  runExternalEditor,
  SKIP_LINE,
  waitScreen,
  type ClockReading,
  type StageOutcome,
  type StagePrompt,
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
  guidance: Record<StageId, readonly string[]>;
  hooks?: PracticeHooks;
  timers?: Timers;
}

/**
 * Runs a practice session from wherever it stands (new or resumed) to the end, saving after every stage,
 * every few seconds while typing, and on any signal or crash. Returns the finished session, saved;
 * the caller scores it (finishSession) or, in a mock interview, goes on to the next question.
 */
export async function runSession(ctx: Context, session: SessionRecord, opts: RunOptions): Promise<SessionRecord | undefined> {
  const timers = opts.timers ?? systemTimers;
  const name = opts.hooks?.interviewerName ?? 'Interviewer';
  /** The interviewer in a sentence: "the interviewer", or their name. */
  const who = name === 'Interviewer' ? 'the interviewer' : name;
  const Who = who[0]!.toUpperCase() + who.slice(1);
  let state: EngineState = begin(session, timers.now());
  /** Replies still on their way (a slow model); the session waits for them before the push-back and the end. */
  const replies = new Map<Promise<unknown>, { q: string; partial: string }>();
  /** The text in the editor right now; null between stages. */
  let live: (() => string) | null = null;

  const record = (): SessionRecord => {
    const now = timers.now();
    if (live && !isFinished(state)) state = type(state, live(), now);
    return snapshot(state, now);
  };
  const saver = new DraftSaver(() => void saveSession(ctx.paths, record()), timers, autosaveInterval(ctx.env));
  const term: Terminal | null = opts.useEditor ? null : openTerminal(ctx.stdin, ctx.stdout);
  const guard = installGuard({
    sessionId: session.id,
    restore: () => term?.restore(),
    save: () => {
      saver.dispose();
      // A question still being answered is kept, with the reply as far as it came.
      for (const { q, partial } of replies.values()) state = recordAsked(state, { q, a: partial, source: 'llm', at: new Date(timers.now()).toISOString() }, timers.now());
      replies.clear();
      record();
      state = interrupt(state, timers.now());
      live = null;
      saveSession(ctx.paths, snapshot(state, timers.now()));
    },
    write: (text) => void ctx.stderr.write(text),
  });

  if (opts.useEditor && session.settings.hardStop) note(ctx, 'note: --hard-stop has no effect with --editor; the time used is still recorded.');
  try {
    term?.enter();
    saver.flush();
    while (!isFinished(state)) {
      if (phaseOf(state) === 'awaiting-followup') {
        const next = await awaitPushBack();
        if (next === 'interrupt') {
          guard.interrupt();
          return undefined;
        }
        state = next ? startFollowUp(state, next.q, timers.now(), next.source) : dropFollowUp(state, timers.now());
        saver.flush();
        continue;
      }
      const outcome = term ? await typeStage(term) : editStage();
      live = null;
      const now = timers.now();
      if (outcome.kind === 'interrupt') {
        state = type(state, outcome.text, now);
        guard.interrupt();
        return undefined;
      }
      if (outcome.kind === 'submit') state = submit(state, outcome.text, now);
      else if (outcome.kind === 'skip') state = skip(state, outcome.text, now);
      // 'time-up': the engine already ended the stage in the clock reading.
      saver.flush();
    }
  } catch (error) {
    // A crash (or a failing editor) saves the draft before the error reaches main's stack trace.
    term?.restore();
    try {
      saver.dispose();
      state = interrupt(state, timers.now());
      saveSession(ctx.paths, record());
      note(ctx, `Draft saved. Resume with: pmcoach resume ${session.id}`);
    } catch {
      // The original error matters more.
    }
    throw error;
  } finally {
    saver.dispose();
    guard.uninstall();
    term?.restore();
  }
  if (replies.size > 0) {
    note(ctx, `Waiting for ${who}'s last reply…`);
    await Promise.allSettled([...replies.keys()]);
  }
  saveSession(ctx.paths, state.session);
  print(ctx, summary(state.session, colors(ctx)));
  return state.session;

  /** The screen for what is being answered now: a stage, or the follow-up. */
  function screenFor(): StagePromptOptions['screen'] & { text: string; left: number; file: string } {
    const stage = currentStage(state);
    const common = { questionTitle: state.session.question.title, stageCount: STAGE_IDS.length, hardStop: state.session.settings.hardStop && state.session.settings.timer };
    if (!stage) {
      const f = state.session.followup!;
      return { ...common, prompt: `${name}: ${f.q}`, stageTitle: `Follow-up from ${who}`, stageNumber: STAGE_IDS.length, position: 'follow-up', guidance: FOLLOWUP_GUIDANCE, text: f.answer, left: (f.secondsAllotted ?? 0) - (f.secondsUsed ?? 0), file: 'followup' };
    }
    return {
      ...common,
      prompt: state.session.question.prompt,
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
    const work = Promise.allSettled([...replies.keys()]).then(() => hook(state.session, (t) => sink?.(t)));
    if (!term) {
      note(ctx, `${Who} is preparing a follow-up question…`);
      return work;
    }
    const screen = waitScreen(term, `${Who} is preparing a follow-up question… (Ctrl-C saves and quits)`, work);
    sink = screen.stream;
    const outcome = await screen.outcome;
    return outcome.kind === 'interrupt' ? 'interrupt' : outcome.value;
  }

  function readClock(): ClockReading {
    const now = timers.now();
    if (live && state.session.settings.hardStop) state = type(state, live(), now);
    const ticked = tick(state, now);
    if (ticked.event === 'time-up') {
      state = ticked.state;
      live = null;
      return { countdown: { text: '00:00 left', level: 'low' }, timeUp: true, nextInMs: Infinity };
    }
    const c = clockOf(state, now)!;
    return { countdown: formatCountdown(c), timeUp: false, nextInMs: c.level === 'untimed' ? Infinity : msToNextSecond(state, now) };
  }

  async function typeStage(t: Terminal): Promise<StageOutcome> {
    const { text, ...screen } = screenFor();
    const ask = opts.hooks?.ask;
    const asking = ask !== undefined && currentStage(state)?.id === 'clarifying';
    // Assigned before any key can arrive, so the reply can stream into it.
    let prompt: StagePrompt | undefined;
    prompt = promptStage(t, {
      screen: asking ? { ...screen, askHint: `Ask ${who} a question: start a line with "?" and press Enter (the clock keeps running)` } : screen,
      initialText: text,
      clock: readClock,
      onEdit: () => saver.changed(),
      onAsk: asking
        ? async (question) => {
            const inflight = { q: question, partial: '' };
            const pending = ask(question, state.session, (partial) => {
              inflight.partial = partial;
              prompt?.stream(partial);
            });
            replies.set(pending, inflight);
            try {
              const exchange = await pending;
              if (!exchange) return undefined;
              state = recordAsked(state, { ...exchange, at: exchange.at ?? new Date(timers.now()).toISOString() }, timers.now());
              saver.changed();
              return exchange.a;
            } finally {
              replies.delete(pending);
            }
          }
        : undefined,
      askLabel: name,
      color: colors(ctx),
    });
    live = prompt.text;
    return prompt.done;
  }

  function editStage(): StageOutcome {
    const screen = screenFor();
    const time = state.session.settings.timer ? `${mmss(Math.max(0, screen.left))} left` : 'no timer';
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
  const answered = session.stages.filter((s) => s.status === 'done').length;
  const lines = [c.bold(`Session ${session.id}: ${answered} of ${session.stages.length} stages answered.`)];
  const row = (title: string, text: string, skipped: boolean, usedSeconds: number, allotted: number | undefined, overtime: number): string => {
    const words = text.trim() ? text.trim().split(/\s+/).length : 0;
    const used = session.settings.timer && allotted !== undefined ? `${mmss(usedSeconds)} of ${mmss(allotted)}` : mmss(usedSeconds);
    const over = overtime > 0 ? '  ' + c.red(`+${mmss(overtime)} over`) : '';
    return `  ${title.padEnd(22)} ${skipped ? c.dim('skipped') + '   ' : ''}${used}  ${c.dim(`${words} word${words === 1 ? '' : 's'}`)}${over}`;
  };
  for (const s of session.stages) lines.push(row(STAGE_TITLES[s.id], s.text, s.status === 'skipped', s.secondsUsed, s.secondsAllotted, s.overtimeSeconds));
  const f = session.followup;
  if (f && f.status !== 'active') lines.push(row('Follow-up', f.answer, f.status === 'skipped', f.secondsUsed ?? 0, f.secondsAllotted, f.overtimeSeconds ?? 0));
  return lines.join('\n');
}

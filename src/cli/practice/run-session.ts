import { join } from 'node:path';
import type { Context } from '../context.js';
import { colors, note, print } from '../output.js';
import { STAGE_IDS, STAGE_TITLES, type StageId } from '../../questions/stages.js';
import type { Exchange, SessionRecord, StageRecord } from '../../session/types.js';
import { systemTimers, type Timers } from '../../session/clock.js';
import { autosaveInterval, DraftSaver } from '../../session/draft-saver.js';
import { installGuard } from '../../session/guard.js';
import {
  begin,
  clockOf,
  currentStage,
  interrupt,
  isFinished,
  msToNextSecond,
  recordAsked,
  skip,
  snapshot,
  submit,
  tick,
  type,
  type EngineState,
} from '../../session/engine.js';
import { saveSession } from '../../store/sessions.js';
import {
  answerFromEditorFile,
  editorFileText,
  formatCountdown,
  mmss,
  openTerminal,
  promptStage,
  runExternalEditor,
  SKIP_LINE,
  type ClockReading,
  type StageOutcome,
  type Terminal,
} from '../prompts/index.js';

/** Seams for later issues. Nothing sets them yet. */
export interface PracticeHooks {
  /** The candidate asked the interviewer a question (a `?` line during clarifying). */
  ask?: (question: string, session: SessionRecord) => Promise<Exchange | undefined>;
}

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
  let state: EngineState = begin(session, timers.now());
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
  saveSession(ctx.paths, state.session);
  print(ctx, summary(state.session, colors(ctx)));
  return state.session;

  function screenFor(stage: StageRecord) {
    const index = STAGE_IDS.indexOf(stage.id);
    return {
      questionTitle: state.session.question.title,
      prompt: state.session.question.prompt,
      stageTitle: STAGE_TITLES[stage.id],
      stageNumber: index + 1,
      stageCount: STAGE_IDS.length,
      guidance: opts.guidance[stage.id],
      hardStop: state.session.settings.hardStop && state.session.settings.timer,
    };
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
    const stage = currentStage(state)!;
    const ask = opts.hooks?.ask;
    const prompt = promptStage(t, {
      screen: screenFor(stage),
      initialText: stage.text,
      clock: readClock,
      onEdit: () => saver.changed(),
      onAsk:
        ask && stage.id === 'clarifying'
          ? async (question) => {
              const exchange = await ask(question, state.session);
              if (!exchange) return undefined;
              state = recordAsked(state, exchange, timers.now());
              saver.changed();
              return exchange.a;
            }
          : undefined,
      color: colors(ctx),
    });
    live = prompt.text;
    return prompt.done;
  }

  function editStage(): StageOutcome {
    const stage = currentStage(state)!;
    const screen = screenFor(stage);
    const time = state.session.settings.timer ? `${mmss(stage.secondsAllotted - stage.secondsUsed)} left` : 'no timer';
    note(ctx, `Stage ${screen.stageNumber} of ${screen.stageCount}: ${screen.stageTitle} (${time}); opening your editor…`);
    const file = join(ctx.paths.sessions, `.${session.id}.${stage.id}.md`);
    const content = editorFileText({ question: `${screen.questionTitle}\n${screen.prompt}`, stage: screen.stageTitle, guidance: screen.guidance, time }, stage.text);
    const text = answerFromEditorFile(runExternalEditor(ctx.settings.editor, file, content));
    return text.trim() === SKIP_LINE ? { kind: 'skip', text: '' } : { kind: 'submit', text };
  }
}

/** The end-of-session table: time used per stage against time given, overtime, skips. Pure. */
export function summary(session: SessionRecord, c: { bold: (s: string) => string; red: (s: string) => string; dim: (s: string) => string }): string {
  const answered = session.stages.filter((s) => s.status === 'done').length;
  const lines = [c.bold(`Session ${session.id}: ${answered} of ${session.stages.length} stages answered.`)];
  for (const s of session.stages) {
    const title = STAGE_TITLES[s.id].padEnd(22);
    const words = s.text.trim() ? s.text.trim().split(/\s+/).length : 0;
    const used = session.settings.timer ? `${mmss(s.secondsUsed)} of ${mmss(s.secondsAllotted)}` : mmss(s.secondsUsed);
    const over = s.overtimeSeconds > 0 ? '  ' + c.red(`+${mmss(s.overtimeSeconds)} over`) : '';
    lines.push(`  ${title} ${s.status === 'skipped' ? c.dim('skipped') + '   ' : ''}${used}  ${c.dim(`${words} word${words === 1 ? '' : 's'}`)}${over}`);
  }
  return lines.join('\n');
}

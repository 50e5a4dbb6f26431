import type { Painter } from '../paint.js';
import { diffFrame, renderFrame, type Countdown, type StageScreen } from './frame.js';
import { EditorModel, type StageOutcomeKind } from './editor-model.js';
import { KeyDecoder, type Key } from './keys.js';
import type { Terminal } from './terminal.js';
import type { Anchor } from './wrap.js';
import { SPINNER_FRAMES } from '../spinner.js';

export { SUBMIT_LINE, SKIP_LINE, type StageOutcomeKind } from './editor-model.js';

/** What the clock says at each redraw: the countdown, whether a hard stop ended the stage, when to look again. */
export interface ClockReading {
  countdown: Countdown;
  timeUp: boolean;
  /** Milliseconds until the display next changes; Infinity when there is no timer. */
  nextInMs: number;
}

export interface StagePromptOptions {
  screen: Omit<StageScreen, 'countdown' | 'notice' | 'log' | 'warning'>;
  initialText: string;
  clock: () => ClockReading;
  /** The text changed (the caller throttles saving; this only marks the draft dirty). */
  onEdit?: () => void;
  /**
   * The candidate finished a line starting with `?` in a stage where asking is possible. The question leaves
   * the answer for the Q&A log; a spinner turns until `onText` brings the first words of the reply; the
   * promise gives the final reply (undefined: none came). The clock runs on meanwhile.
   */
  onAsk?: (question: string, onText: (partial: string) => void) => Promise<string | undefined>;
  /** An interviewer is attached, but asking belongs to another stage: a `?` line earns a notice. */
  askElsewhere?: boolean;
  /** Who replies, as shown before the reply ("Interviewer" unless a mock script names them). */
  askLabel?: string;
  /** A problem to keep in the footer while it lasts (e.g. saves failing); read at every redraw. */
  warning?: () => string | undefined;
  /** How long "Time's up" stays on screen when a hard stop ends the stage (ms). */
  timeUpPauseMs?: number;
  color: Painter;
}

export interface StageOutcome {
  kind: StageOutcomeKind;
  text: string;
}

export interface StagePrompt {
  done: Promise<StageOutcome>;
  /** The text as typed so far (for the draft saver and the signal path). */
  text(): string;
}

export const TIME_UP_NOTICE = "Time's up: the stage ends with what you typed.";

/**
 * The multi-line answer editor with a live countdown: the view over an EditorModel. Redraws only rows that
 * changed. It is one closure (longer than our usual function) because its parts share the terminal's state:
 * the last frame drawn, the clock and spinner timers, the listeners to remove. Each inner step is short, and
 * what keys do to the text lives in the model, not here.
 */
export function promptStage(term: Terminal, opts: StagePromptOptions): StagePrompt {
  const model = new EditorModel(opts.initialText, {
    canAsk: opts.onAsk !== undefined,
    interviewer: opts.onAsk !== undefined || opts.askElsewhere === true,
    size: () => ({ width: term.columns - 3, rows: editorRows }),
  });
  const decoder = new KeyDecoder();
  const label = opts.askLabel ?? 'Interviewer';
  let anchor: Anchor = { line: 0, seg: 0 };
  let prev: string[] | null = null;
  let prevCursor = '';
  let reading = opts.clock();
  let timer: NodeJS.Timeout | null = null;
  let spinner: NodeJS.Timeout | null = null;
  let spun = 0;
  let finished = false;
  let editorRows = Math.max(1, term.rows - 10);
  let resolve!: (o: StageOutcome) => void;
  const done = new Promise<StageOutcome>((r) => (resolve = r));

  const draw = (): void => {
    if (finished) return;
    const spin = model.waiting > 0 ? `${SPINNER_FRAMES[spun % SPINNER_FRAMES.length]} Asking ${label === 'Interviewer' ? 'the interviewer' : label}… (keep typing; the clock is running)` : undefined;
    const screen: StageScreen = { ...opts.screen, countdown: reading.countdown, notice: model.notice ?? spin, log: model.log, logLabel: label, warning: opts.warning?.() };
    const frame = renderFrame(screen, model.buffer, { columns: term.columns, rows: term.rows }, anchor, opts.color);
    anchor = frame.anchor;
    editorRows = frame.editorRows;
    const cursor = `${frame.cursor.row},${frame.cursor.col}`;
    if (prev && cursor === prevCursor && prev.length === frame.lines.length && prev.every((l, i) => l === frame.lines[i])) return;
    term.write(diffFrame(prev, frame));
    prev = frame.lines;
    prevCursor = cursor;
  };

  const schedule = (): void => {
    if (Number.isFinite(reading.nextInMs)) timer = setTimeout(onTick, Math.max(5, reading.nextInMs + 5)); // a few ms late, so it has changed
  };

  const onTick = (): void => {
    timer = null;
    reading = opts.clock();
    if (reading.timeUp) return timeUp();
    draw();
    schedule();
  };

  const spinWhileWaiting = (): void => {
    if (model.waiting === 0) {
      if (spinner) clearInterval(spinner);
      spinner = null;
    } else if (!spinner)
      spinner = setInterval(() => {
        spun++;
        spinWhileWaiting();
        draw();
      }, 100);
  };

  const stop = (): void => {
    finished = true;
    if (spinner) clearInterval(spinner);
    if (timer) clearTimeout(timer);
    offData();
    offResize();
  };

  const finish = (kind: StageOutcomeKind): void => {
    if (finished) return;
    stop();
    resolve({ kind, text: model.outcomeText(kind) });
  };

  /** A hard stop: "Time's up" stays a moment (keys typed meanwhile wait for the next screen), then the stage ends. */
  const timeUp = (): void => {
    if (finished) return;
    model.notice = TIME_UP_NOTICE;
    draw();
    const text = model.outcomeText('time-up');
    stop();
    setTimeout(() => resolve({ kind: 'time-up', text }), opts.timeUpPauseMs ?? 1200);
  };

  const ask = (question: string, index: number): void => {
    spinWhileWaiting();
    const onText = (partial: string): void => {
      if (finished || partial === '') return;
      model.reply(index, partial, 'partial');
      spinWhileWaiting();
      draw();
    };
    const settle = (text: string | undefined, failed: boolean): void => {
      model.reply(index, text ?? '', failed || !text ? 'failed' : 'done');
      spinWhileWaiting();
      draw();
    };
    void opts.onAsk!(question, onText).then(
      (reply) => settle(reply, false),
      (error: unknown) => settle(`could not answer: ${error instanceof Error ? error.message : String(error)}`, true),
    );
  };

  const apply = (key: Key): boolean => {
    if (key.name === 'redraw') {
      prev = null;
      return false;
    }
    const event = model.key(key);
    if (event.kind === 'done') finish(event.outcome);
    else if (event.kind === 'ask') ask(event.question, event.index);
    return event.kind === 'edited' || event.kind === 'ask';
  };

  const offData = term.onData((chunk) => {
    let edited = false;
    for (const key of decoder.feed(chunk)) {
      if (finished) break;
      edited = apply(key) || edited;
    }
    if (finished) return;
    draw();
    if (edited) opts.onEdit?.();
  });
  const offResize = term.onResize(() => {
    prev = null;
    draw();
  });

  if (reading.timeUp) finish('time-up');
  else {
    draw();
    schedule();
  }
  return { done, text: () => model.buffer.text };
}

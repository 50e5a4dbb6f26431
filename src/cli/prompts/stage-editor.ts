import type { Painter } from '../paint.js';
import { diffFrame, renderFrame, type Countdown, type StageScreen } from './frame.js';
import { KeyDecoder, type Key } from './keys.js';
import { TextBuffer } from './text-buffer.js';
import type { Terminal } from './terminal.js';
import type { Anchor } from './wrap.js';
import { SPINNER_FRAMES } from '../spinner.js';

/** What the clock says at each redraw: the countdown, whether a hard stop ended the stage, when to look again. */
export interface ClockReading {
  countdown: Countdown;
  timeUp: boolean;
  /** Milliseconds until the display next changes; Infinity when there is no timer. */
  nextInMs: number;
}

export interface StagePromptOptions {
  screen: Omit<StageScreen, 'countdown' | 'notice'>;
  initialText: string;
  clock: () => ClockReading;
  /** The text changed (the caller throttles saving; this only marks the draft dirty). */
  onEdit?: () => void;
  /**
   * The candidate finished a line starting with `?` (a question for the interviewer). A spinner shows while
   * the reply is awaited, the reply (streamed through `StagePrompt.stream`) under the editor; the clock runs on.
   */
  onAsk?: (question: string) => Promise<string | undefined>;
  /** Who replies, as shown before the reply ("Interviewer" unless a mock script names them). */
  askLabel?: string;
  color: Painter;
}

export type StageOutcomeKind = 'submit' | 'skip' | 'interrupt' | 'time-up';
export interface StageOutcome {
  kind: StageOutcomeKind;
  text: string;
}

export interface StagePrompt {
  done: Promise<StageOutcome>;
  /** The text as typed so far (for the draft saver and the signal path). */
  text(): string;
  /** The interviewer's reply so far, while it streams in (replaces the spinner). */
  stream(partial: string): void;
}

/** A line that holds only this submits the stage; only this skips it. */
export const SUBMIT_LINE = '.';
export const SKIP_LINE = ':skip';

/** The multi-line answer editor with a live countdown. Redraws only rows that changed. */
export function promptStage(term: Terminal, opts: StagePromptOptions): StagePrompt {
  const buffer = new TextBuffer(opts.initialText);
  const decoder = new KeyDecoder();
  let anchor: Anchor = { line: 0, seg: 0 };
  let prev: string[] | null = null;
  let prevCursor = '';
  let notice: string | undefined;
  let reading = opts.clock();
  let timer: NodeJS.Timeout | null = null;
  let finished = false;
  let editorRows = Math.max(1, term.rows - 10);
  let resolve!: (o: StageOutcome) => void;
  const done = new Promise<StageOutcome>((r) => (resolve = r));
  const label = opts.askLabel ?? 'Interviewer';
  /** Questions sent and not yet answered; the spinner turns while there is one and no text has come. */
  let asking = 0;
  let spinner: NodeJS.Timeout | null = null;
  let spun = 0;

  const draw = (): void => {
    if (finished) return;
    const screen: StageScreen = { ...opts.screen, countdown: reading.countdown, notice };
    const frame = renderFrame(screen, buffer, { columns: term.columns, rows: term.rows }, anchor, opts.color);
    anchor = frame.anchor;
    editorRows = Math.max(1, frame.lines.length - 10);
    const cursor = `${frame.cursor.row},${frame.cursor.col}`;
    if (prev && cursor === prevCursor && prev.length === frame.lines.length && prev.every((l, i) => l === frame.lines[i])) return;
    term.write(diffFrame(prev, frame));
    prev = frame.lines;
    prevCursor = cursor;
  };

  const schedule = (): void => {
    if (!Number.isFinite(reading.nextInMs)) return;
    // A few ms late, so the display has certainly changed when we look.
    timer = setTimeout(onTick, Math.max(5, reading.nextInMs + 5));
  };

  const onTick = (): void => {
    timer = null;
    reading = opts.clock();
    if (reading.timeUp) return finish('time-up');
    draw();
    schedule();
  };

  const stopSpinner = (): void => {
    if (spinner) clearInterval(spinner);
    spinner = null;
  };

  const startSpinner = (): void => {
    stopSpinner();
    const turn = (): void => {
      notice = `${SPINNER_FRAMES[spun++ % SPINNER_FRAMES.length]} Asking ${label === 'Interviewer' ? 'the interviewer' : label}… (keep typing; the clock is running)`;
      draw();
    };
    turn();
    spinner = setInterval(turn, 100);
  };

  const finish = (kind: StageOutcomeKind): void => {
    if (finished) return;
    finished = true;
    stopSpinner();
    if (timer) clearTimeout(timer);
    offData();
    offResize();
    resolve({ kind, text: kind === 'interrupt' ? buffer.text : buffer.text.replace(/\s+$/, '') });
  };

  const onEnter = (): boolean => {
    const line = buffer.line.trim();
    if (line === SUBMIT_LINE || line === SKIP_LINE) {
      buffer.removeCurrentLine();
      finish(line === SUBMIT_LINE ? 'submit' : 'skip');
      return false;
    }
    buffer.newline();
    if (opts.onAsk && line.startsWith('?') && line.slice(1).trim() !== '') {
      const ask = opts.onAsk;
      asking++;
      startSpinner();
      const settle = (text: string | undefined): void => {
        asking = Math.max(0, asking - 1);
        if (asking === 0) stopSpinner();
        notice = text;
        draw();
      };
      void ask(line.slice(1).trim()).then(
        (reply) => settle(reply ? `${label}: ${reply}` : undefined),
        (error: unknown) => settle(`${label} could not answer: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    return true;
  };

  /** Applies one key; true when the text changed. */
  const apply = (key: Key): boolean => {
    switch (key.name) {
      case 'text':
      case 'paste':
        buffer.insert(key.text);
        return true;
      case 'enter':
        return onEnter();
      case 'backspace':
        buffer.backspace();
        return true;
      case 'delete':
        buffer.deleteForward();
        return true;
      case 'delete-word':
        buffer.deleteWordBack();
        return true;
      case 'kill-line-start':
        buffer.killToLineStart();
        return true;
      case 'kill-line-end':
        buffer.killToLineEnd();
        return true;
      case 'left':
        buffer.left();
        return false;
      case 'right':
        buffer.right();
        return false;
      case 'up':
        buffer.vertical(-1, term.columns - 3);
        return false;
      case 'down':
        buffer.vertical(1, term.columns - 3);
        return false;
      case 'page-up':
        buffer.vertical(-editorRows, term.columns - 3);
        return false;
      case 'page-down':
        buffer.vertical(editorRows, term.columns - 3);
        return false;
      case 'home':
        buffer.home();
        return false;
      case 'end':
        buffer.end();
        return false;
      case 'word-left':
        buffer.wordLeft();
        return false;
      case 'word-right':
        buffer.wordRight();
        return false;
      case 'doc-start':
        buffer.docStart();
        return false;
      case 'doc-end':
        buffer.docEnd();
        return false;
      case 'submit':
        finish('submit');
        return false;
      case 'interrupt':
        finish('interrupt');
        return false;
      case 'redraw':
        prev = null;
        return false;
      case 'escape':
        return false;
    }
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
  const stream = (partial: string): void => {
    if (finished || partial === '') return;
    stopSpinner();
    notice = `${label}: ${partial}`;
    draw();
  };
  return { done, text: () => buffer.text, stream };
}

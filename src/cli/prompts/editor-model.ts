import type { Key } from './keys.js';
import { TextBuffer } from './text-buffer.js';

/**
 * What the stage editor holds, and what each key does to it: the text, the one-line notice, the questions put
 * to the interviewer in this stage with their replies, and the "submit an empty stage?" confirmation. No
 * terminal, no timers: the view (stage-editor.ts) feeds it keys and draws what it holds.
 */

/** A line that holds only this submits the stage; only this skips it. */
export const SUBMIT_LINE = '.';
export const SKIP_LINE = ':skip';

export const EMPTY_CONFIRM = 'This stage is empty. Submit it empty? Ctrl-D or Enter again to confirm; keep typing to answer.';
export const ASK_ELSEWHERE = 'Questions to the interviewer are for the clarifying stage; the line stays in your answer.';

export type StageOutcomeKind = 'submit' | 'skip' | 'interrupt' | 'time-up';

/** One question asked in this stage; `a` fills in as the reply streams, `failed` when none came. */
export interface LoggedExchange {
  q: string;
  a: string;
  done: boolean;
  failed?: boolean;
}

export type EditorEvent =
  | { kind: 'none' }
  | { kind: 'moved' }
  | { kind: 'edited' }
  | { kind: 'ask'; question: string; index: number }
  | { kind: 'done'; outcome: StageOutcomeKind };

export interface EditorModelOptions {
  /** Whether a `?` line goes to the interviewer (clarifying) or only earns a notice (later stages). */
  canAsk: boolean;
  /** Whether a `?` line means anything at all (false when no interviewer is attached). */
  interviewer: boolean;
  /** Editor width in columns and height in rows, for up/down and page keys. */
  size: () => { width: number; rows: number };
}

export class EditorModel {
  readonly buffer: TextBuffer;
  notice: string | undefined;
  readonly log: LoggedExchange[] = [];
  private confirmingEmpty = false;

  constructor(
    initialText: string,
    private readonly opts: EditorModelOptions,
  ) {
    this.buffer = new TextBuffer(initialText);
  }

  /** Questions sent whose reply has not begun. */
  get waiting(): number {
    return this.log.filter((e) => !e.done && e.a === '').length;
  }

  /** The answer as the stage ends with it (trailing blank lines dropped, except on Ctrl-C). */
  outcomeText(kind: StageOutcomeKind): string {
    return kind === 'interrupt' ? this.buffer.text : this.buffer.text.replace(/\s+$/, '');
  }

  key(key: Key): EditorEvent {
    const wasConfirming = this.confirmingEmpty;
    this.confirmingEmpty = false;
    if (wasConfirming && this.notice === EMPTY_CONFIRM) this.notice = undefined;
    switch (key.name) {
      case 'text':
      case 'paste':
        this.buffer.insert(key.text);
        return { kind: 'edited' };
      case 'enter':
        return wasConfirming && this.buffer.blank ? { kind: 'done', outcome: 'submit' } : this.enter();
      case 'submit':
        return this.submit(wasConfirming);
      case 'interrupt':
        return { kind: 'done', outcome: 'interrupt' };
      default:
        return this.edit(key.name);
    }
  }

  /** Ctrl-D: an empty stage asks once before it is submitted. */
  private submit(confirmed: boolean): EditorEvent {
    if (this.buffer.blank && !confirmed) {
      this.confirmingEmpty = true;
      this.notice = EMPTY_CONFIRM;
      return { kind: 'none' };
    }
    return { kind: 'done', outcome: 'submit' };
  }

  private enter(): EditorEvent {
    const line = this.buffer.line.trim();
    if (line === SUBMIT_LINE || line === SKIP_LINE) {
      this.buffer.removeCurrentLine();
      if (line === SUBMIT_LINE) return this.submit(false);
      return { kind: 'done', outcome: 'skip' };
    }
    const question = line.startsWith('?') ? line.slice(1).trim() : '';
    if (question !== '' && this.opts.interviewer && this.opts.canAsk) {
      // The question goes to the log, not into the answer.
      this.buffer.removeCurrentLine();
      if (this.buffer.line.trim() !== '') this.buffer.newline();
      this.log.push({ q: question, a: '', done: false });
      return { kind: 'ask', question, index: this.log.length - 1 };
    }
    if (question !== '' && this.opts.interviewer) this.notice = ASK_ELSEWHERE;
    this.buffer.newline();
    return { kind: 'edited' };
  }

  /** A reply streaming in (or complete, or failed) for the question at `index`. */
  reply(index: number, text: string, state: 'partial' | 'done' | 'failed'): void {
    const entry = this.log[index];
    if (!entry) return;
    entry.a = text;
    entry.done = state !== 'partial';
    if (state === 'failed') entry.failed = true;
  }

  private edit(name: Exclude<Key['name'], 'text' | 'paste' | 'enter' | 'submit' | 'interrupt'>): EditorEvent {
    const b = this.buffer;
    const { width, rows } = this.opts.size();
    const edits: Partial<Record<typeof name, () => void>> = {
      backspace: () => b.backspace(),
      delete: () => b.deleteForward(),
      'delete-word': () => b.deleteWordBack(),
      'kill-line-start': () => b.killToLineStart(),
      'kill-line-end': () => b.killToLineEnd(),
    };
    const moves: Partial<Record<typeof name, () => void>> = {
      left: () => b.left(),
      right: () => b.right(),
      up: () => b.vertical(-1, width),
      down: () => b.vertical(1, width),
      'page-up': () => b.vertical(-rows, width),
      'page-down': () => b.vertical(rows, width),
      home: () => b.home(),
      end: () => b.end(),
      'word-left': () => b.wordLeft(),
      'word-right': () => b.wordRight(),
      'doc-start': () => b.docStart(),
      'doc-end': () => b.docEnd(),
    };
    const edit = edits[name];
    if (edit) {
      edit();
      return { kind: 'edited' };
    }
    const move = moves[name];
    if (move) {
      move();
      return { kind: 'moved' };
    }
    return { kind: 'none' };
  }
}

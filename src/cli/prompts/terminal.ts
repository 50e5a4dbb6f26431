import { usageError } from '../../errors.js';

/**
 * The terminal while a stage is typed: raw mode (every key reaches us, Ctrl-C included, as a byte),
 * the alternate screen (the shell's screen comes back untouched), bracketed paste (a pasted "." line
 * does not submit). `restore` undoes all of it and is safe to call any number of times, from a signal too.
 */
export interface Terminal {
  readonly columns: number;
  readonly rows: number;
  write(text: string): void;
  /**
   * Keys as they arrive. A listener that returns `false` leaves the chunk unread: it goes to the next
   * listener that subscribes, like keys typed between two screens, so nothing typed is dropped.
   */
  onData(listener: (chunk: string) => void | boolean): () => void;
  onResize(listener: () => void): () => void;
  /** Leaves raw mode and the alternate screen (for $EDITOR, or for good); `enter` comes back. */
  restore(): void;
  enter(): void;
}

const ALT_SCREEN_ON = '\x1b[?1049h';
const ALT_SCREEN_OFF = '\x1b[?1049l';
const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l';
const CURSOR_ON = '\x1b[?25h';

/** Practice talks to a person: without a terminal on both sides it says what to run instead. */
export function requireTty(stdin: { isTTY?: boolean }, stdout: { isTTY?: boolean }, command: string): void {
  if (stdin.isTTY && stdout.isTTY) return;
  throw usageError(
    `${command} needs an interactive terminal (stdin and stdout must be a TTY); ` +
      'without one, score written answers with `pmcoach grade <answers.yaml>` or run a scripted session with `pmcoach mock --answers <file>`',
  );
}

export function openTerminal(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): Terminal {
  let active = false;
  const listeners = new Set<(chunk: string) => void | boolean>();
  /** Keys no listener took: typed between two screens, or left unread by a waiting screen. */
  let unread: string[] = [];
  const dispatch = (chunk: string): void => {
    let taken = false;
    for (const l of [...listeners]) if (l(chunk) !== false) taken = true;
    if (!taken) unread.push(chunk);
  };
  const onStdoutError = (): void => {
    // The terminal went away (SIGHUP, closed window): nothing more can be shown, saving still works.
  };
  const term: Terminal = {
    get columns() {
      return stdout.columns || 80;
    },
    get rows() {
      return stdout.rows || 24;
    },
    write(text) {
      if (active) stdout.write(text);
    },
    onData(listener) {
      listeners.add(listener);
      if (unread.length > 0) {
        const pending = unread;
        unread = [];
        // After the subscriber has finished setting up (it subscribes before it draws).
        setImmediate(() => {
          for (const chunk of pending) {
            if (listeners.has(listener)) {
              if (listener(chunk) === false) unread.push(chunk);
            } else unread.push(chunk);
          }
        });
      }
      return () => listeners.delete(listener);
    },
    onResize(listener) {
      stdout.on('resize', listener);
      return () => stdout.off('resize', listener);
    },
    enter() {
      if (active) return;
      active = true;
      stdout.on('error', onStdoutError);
      stdin.setRawMode(true);
      stdin.setEncoding('utf8');
      stdin.on('data', dispatch);
      stdin.resume();
      stdout.write(ALT_SCREEN_ON + PASTE_ON);
    },
    restore() {
      if (!active) return;
      active = false;
      try {
        stdout.write(PASTE_OFF + CURSOR_ON + ALT_SCREEN_OFF);
        stdin.setRawMode(false);
      } catch {
        // A terminal that is gone cannot be restored; there is nothing left to show anyway.
      }
      stdin.off('data', dispatch);
      stdin.pause();
      stdout.off('error', onStdoutError);
    },
  };
  return term;
}

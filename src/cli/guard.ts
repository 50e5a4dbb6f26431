/**
 * The last line of defence for a practice session: on SIGINT, SIGTERM or SIGHUP (and on Ctrl-C, which a
 * raw-mode terminal delivers as a key) the terminal is restored, the draft saved, a resume hint printed,
 * and the process exits 130. An uncaught exception saves the draft before its stack trace (exit 70).
 * This is the one place besides main that ends the process: it must save first.
 */
import { bugReport, EXIT_BUG, EXIT_INTERRUPTED } from '../errors.js';

export const GUARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type GuardedSignal = (typeof GUARDED_SIGNALS)[number];

/** The parts of `process` the guard uses; tests pass an EventEmitter with a fake exit. */
export interface GuardProcess {
  on(event: string, listener: (arg?: unknown) => void): unknown;
  off(event: string, listener: (arg?: unknown) => void): unknown;
  exit(code: number): never | void;
}

export interface GuardOptions {
  /** Saves the draft (synchronously); may return the line to print instead of the default "Saved." hint. */
  save: () => string | void;
  /** Puts the terminal back (raw mode off, main screen, cursor shown). Must be safe to call twice. */
  restore: () => void;
  /** Session id for the resume hint. */
  sessionId: string;
  write: (text: string) => void;
  proc?: GuardProcess;
}

export interface Guard {
  /** Ctrl-C typed in the editor: the same path as SIGINT. */
  interrupt(): void;
  uninstall(): void;
}


export function installGuard(opts: GuardOptions): Guard {
  const proc: GuardProcess = opts.proc ?? process;
  let done = false;
  const safely = (fn: () => void): unknown => {
    try {
      fn();
      return undefined;
    } catch (error) {
      return error;
    }
  };
  const hint = `Resume with: pmcoach resume ${opts.sessionId}`;

  const onSignal = (): void => {
    if (done) return;
    done = true;
    safely(opts.restore);
    let said: string | void = undefined;
    const failed = safely(() => (said = opts.save()));
    safely(() =>
      opts.write(failed ? `pmcoach: could not save the draft: ${(failed as Error).message ?? String(failed)}\n` : `\n${said || `Saved. ${hint}`}\n`),
    );
    proc.exit(EXIT_INTERRUPTED);
  };

  const onCrash = (error: unknown): void => {
    if (done) return;
    done = true;
    safely(opts.restore);
    let said: string | void = undefined;
    const failed = safely(() => (said = opts.save()));
    safely(() => {
      opts.write(failed ? 'pmcoach: the draft could not be saved either.\n' : `${said ? said.replace(/^Saved\./, 'Draft saved.') : `Draft saved. ${hint}`}\n`);
      opts.write(bugReport(error));
    });
    proc.exit(EXIT_BUG);
  };

  for (const s of GUARDED_SIGNALS) proc.on(s, onSignal);
  proc.on('uncaughtException', onCrash);
  proc.on('unhandledRejection', onCrash);

  const uninstall = (): void => {
    for (const s of GUARDED_SIGNALS) proc.off(s, onSignal);
    proc.off('uncaughtException', onCrash);
    proc.off('unhandledRejection', onCrash);
  };
  return { interrupt: onSignal, uninstall };
}

/** The exit code for a signal: 128 + its number (SIGHUP 129, SIGINT 130, SIGTERM 143). */
export const SIGNAL_EXIT: Record<GuardedSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/**
 * While `work` runs (waiting for a judge), a signal runs `onSignal` (which must only do quick, synchronous
 * things: say what is saved and how to go on) and ends the process with the signal's exit code.
 */
export async function whileWaiting<T>(work: Promise<T>, onSignal: (signal: GuardedSignal) => void, proc: GuardProcess = process): Promise<T> {
  const handlers = GUARDED_SIGNALS.map((s) => {
    const h = (): void => {
      try {
        onSignal(s);
      } finally {
        proc.exit(SIGNAL_EXIT[s]);
      }
    };
    proc.on(s, h);
    return [s, h] as const;
  });
  try {
    return await work;
  } finally {
    for (const [s, h] of handlers) proc.off(s, h);
  }
}

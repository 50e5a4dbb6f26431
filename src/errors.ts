/**
 * The two kinds of failure. A UserError is expected: bad input or bad usage.
 * It prints as one line that says what to fix, and carries its exit code.
 * Anything else is a bug and prints with its stack (exit 70).
 */
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;
export const EXIT_BUG = 70;

export class UserError extends Error {
  readonly exitCode: number;
  /** Extra lines printed before the one-line message (e.g. a list of validation problems). */
  readonly details: readonly string[];

  constructor(message: string, options: { exitCode?: number; details?: readonly string[] } = {}) {
    super(message);
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? EXIT_BAD_INPUT;
    this.details = options.details ?? [];
  }
}

export function usageError(message: string): UserError {
  return new UserError(message, { exitCode: EXIT_USAGE });
}

/** How a bug is printed: its stack, then the line that asks for a report. */
export function bugReport(error: unknown): string {
  return `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\npmcoach: this is a bug; please report it with the trace above.\n`;
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * True for the errors an @inquirer prompt ends with when the person leaves it (Ctrl-C: ExitPromptError, Esc:
 * AbortPromptError): a normal way out (exit 130), not a bug. Matched by name so that main need not load inquirer.
 */
export function isPromptExit(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError';
}

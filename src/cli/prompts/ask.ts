/**
 * Every menu, choice, confirmation and one-line question pmcoach asks, on @inquirer/prompts (habit 5: one
 * module owns the prompt calls). Loaded lazily by the commands that talk to a person, and only after they
 * have checked for a terminal (`canPrompt`): no prompt ever appears in a pipe or a script.
 *
 * Keys: Ctrl-C in any prompt is inquirer's ExitPromptError and Esc aborts the prompt (AbortPromptError);
 * main turns both into exit 130 without a stack. A prompt that offers "back" returns BACK on Esc instead.
 */
import { confirm as inquirerConfirm, input as inquirerInput, search as inquirerSearch, select as inquirerSelect } from '@inquirer/prompts';
import { AbortPromptError, createPrompt, isEnterKey, useKeypress } from '@inquirer/core';
import { usageError } from '../../errors.js';

/** What a prompt returns when Esc asks to go back (only where `back: true`). */
export const BACK: unique symbol = Symbol('back');
export type Back = typeof BACK;
export const isBack = (v: unknown): v is Back => v === BACK;

export interface Choice<T> {
  value: T;
  /** The line in the menu. */
  name: string;
  /** What the answered prompt shows (default: the name). */
  short?: string;
  /** Shown under the menu while the choice is highlighted. */
  description?: string;
  /** Shown greyed out and not selectable; a string says why. */
  disabled?: boolean | string;
}

/** The streams a prompt talks on: a command's context. */
export interface PromptIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}

/** True when both ends are a terminal: the only case in which pmcoach asks anything. */
export function canPrompt(io: { stdin: { isTTY?: boolean }; stdout: { isTTY?: boolean } }): boolean {
  return io.stdin.isTTY === true && io.stdout.isTTY === true;
}

function guard(io: PromptIo, what: string): void {
  if (!canPrompt(io)) throw usageError(`${what} needs a terminal; see pmcoach --help for the flags that answer it instead`);
}

/**
 * Runs one inquirer prompt with Esc wired to abort it (inquirer itself ignores Esc). A lone ESC byte is the
 * Esc key; arrow keys arrive as ESC [ A in one chunk and are left alone.
 */
async function withEscape<T>(io: PromptIo, back: boolean, run: (context: { input: NodeJS.ReadStream; output: NodeJS.WriteStream; signal: AbortSignal; clearPromptOnDone?: boolean }) => Promise<T>): Promise<T | Back> {
  const controller = new AbortController();
  const onData = (chunk: Buffer | string): void => {
    if (String(chunk) === '\u001b') controller.abort();
  };
  io.stdin.on('data', onData);
  try {
    return await run({ input: io.stdin, output: io.stdout, signal: controller.signal });
  } catch (error) {
    if (back && error instanceof AbortPromptError) return BACK;
    throw error;
  } finally {
    io.stdin.off('data', onData);
  }
}

/** A select menu. Esc goes back when `back`, else leaves (exit 130). */
export async function choose<T>(io: PromptIo, message: string, choices: ReadonlyArray<Choice<T>>, opts: { back?: boolean; default?: T; pageSize?: number } = {}): Promise<T | Back> {
  guard(io, 'a menu');
  return withEscape(io, opts.back === true, (context) =>
    inquirerSelect<T>({ message, choices: choices.map((c) => ({ ...c })), default: opts.default, pageSize: opts.pageSize ?? 10, loop: true }, context),
  );
}

/** Type to filter, arrows to move, Enter to pick (@inquirer/search). `filter` returns the choices for what is typed. */
export async function pick<T>(io: PromptIo, message: string, filter: (term: string) => ReadonlyArray<Choice<T>>, opts: { back?: boolean; pageSize?: number } = {}): Promise<T | Back> {
  guard(io, 'a picker');
  return withEscape(io, opts.back === true, (context) =>
    inquirerSearch<T>({ message, source: (term) => filter(term ?? '').map((c) => ({ ...c })), pageSize: opts.pageSize ?? 10 }, context),
  );
}

/** Yes or no; Enter takes the default. */
export async function confirm(io: PromptIo, message: string, opts: { default?: boolean } = {}): Promise<boolean> {
  guard(io, 'a confirmation');
  return withEscape(io, false, (context) => inquirerConfirm({ message, default: opts.default ?? false }, context)) as Promise<boolean>;
}

/** One line of text; `validate` returns a message to show, or true. */
export async function ask(io: PromptIo, message: string, opts: { default?: string; validate?: (value: string) => true | string; back?: boolean } = {}): Promise<string | Back> {
  guard(io, 'a question');
  return withEscape(io, opts.back === true, (context) => inquirerInput({ message, default: opts.default, validate: opts.validate }, context));
}

/** A screen of text that waits for Enter (go on) or Esc (go back): the ready screen before the clock. */
const waitForEnter = createPrompt<'enter' | 'back', { lines: readonly string[]; hint: string }>((config, done) => {
  useKeypress((key) => {
    if (isEnterKey(key)) done('enter');
    else if (key.name === 'escape') done('back');
  });
  return [...config.lines, '', config.hint].join('\n');
});

export async function screen(io: PromptIo, lines: readonly string[], hint: string): Promise<'enter' | 'back'> {
  guard(io, 'a screen that waits for Enter');
  return waitForEnter({ lines, hint }, { input: io.stdin, output: io.stdout, clearPromptOnDone: true });
}

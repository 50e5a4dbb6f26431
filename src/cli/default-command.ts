/** Global options that take a value, so their value is not mistaken for a command. */
const VALUE_OPTIONS = new Set(['--questions']);
const INFO_FLAGS = new Set(['-h', '--help', '-V', '--version']);

/**
 * `pmcoach` with no command: the home menu in a terminal, the question list elsewhere
 * (so `npm start` is useful in both). Returns the arguments to parse and whether a default was added. Pure.
 */
export function withDefaultCommand(args: readonly string[], interactive: boolean): { args: string[]; added?: 'home' | 'list' } {
  const at = commandIndex(args);
  if (at !== undefined) return { args: [...args] };
  const added = interactive ? 'home' : 'list';
  return { args: [...args, added], added };
}

/** The command a run names (the first word after the global options), if any. Pure. */
export function commandName(args: readonly string[]): string | undefined {
  const at = commandIndex(args);
  return at === undefined || at < 0 ? undefined : args[at];
}

/** Index of the command word; -1 when an info flag (--help, --version) comes first; undefined when none. */
function commandIndex(args: readonly string[]): number | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (INFO_FLAGS.has(a)) return -1;
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return i;
  }
  return undefined;
}

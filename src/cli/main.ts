import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { commandName, withDefaultCommand } from './default-command.js';
import { bugReport, EXIT_BUG, EXIT_INTERRUPTED, EXIT_USAGE, isPromptExit, isUserError } from '../errors.js';

/** The one error boundary: expected errors print one line, bugs print a stack. Only this sets the exit code. */
export async function main(argv: string[] = process.argv): Promise<void> {
  const given = argv.slice(2);
  // --json asks for data: the question list, never the menu.
  const { args, added } = withDefaultCommand(given, process.stdin.isTTY === true && process.stdout.isTTY === true && !given.includes('--json'));
  const program = buildProgram(commandName(args));
  if (added === 'list') process.stderr.write('pmcoach: no command given; here are the questions. In a terminal, `pmcoach` opens a menu (see pmcoach --help).\n');
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return 0;
    if (error.code !== 'commander.help' && error.code !== 'commander.helpDisplayed') process.stderr.write('Run pmcoach --help for usage.\n');
    return EXIT_USAGE;
  }
  if (isPromptExit(error)) return EXIT_INTERRUPTED;
  if (isUserError(error)) {
    for (const line of error.details) process.stderr.write(line + '\n');
    process.stderr.write(`pmcoach: ${error.message}\n`);
    return error.exitCode;
  }
  process.stderr.write(bugReport(error));
  return EXIT_BUG;
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

await main();

import { readFileSync } from 'node:fs';
import { Command, Option, InvalidArgumentError } from 'commander';
import { createContext, type Context, type GlobalOptions } from './context.js';
import { DIFFICULTIES } from '../questions/filter.js';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of 1 or more`);
    return n;
  };
}

export function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number above 0`);
    return n;
  };
}

/** Runs a command module loaded only when the command runs, so start-up stays light. */
function action<A extends unknown[]>(handler: (ctx: Context, ...args: A) => Promise<void>) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const ctx = createContext(cmd.optsWithGlobals<GlobalOptions>());
    await handler(ctx, ...(args.slice(0, -1) as A));
  };
}

const EXAMPLES = `
Examples:
  $ pmcoach list --tag privacy              questions tagged "privacy"
  $ pmcoach show amazon-personalization-privacy
  $ pmcoach validate my-questions/          check your own YAML questions
  $ pmcoach --questions my-questions list   add your folder to the bundled bank
  $ pmcoach paths                           where sessions, transcripts and config live
`;

export function buildProgram(): Command {
  const program = new Command('pmcoach')
    .description('A coach for product-manager trade-off interviews: timed practice, rubric scoring, transcripts.')
    .version(version(), '-V, --version')
    .option('--questions <dir>', 'add a folder of question YAML files to the bundled bank (repeatable; also PMCOACH_QUESTIONS)', collect)
    .option('--json', 'print data as JSON (for commands that print data)')
    .option('--no-color', 'plain output without colours (NO_COLOR is honoured too)')
    .showSuggestionAfterError(true)
    .addHelpText('after', EXAMPLES)
    // Set before any subcommand is added: subcommands copy these settings when created.
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`pmcoach: ${str.replace(/^error: /, '').trimEnd()}\n`) });

  program
    .command('list')
    .description('list the questions in the bank')
    .option('-t, --tag <tag>', 'only questions with this tag (repeatable)', collect)
    .option('-c, --company <name>', 'only questions about this company')
    .addOption(new Option('-d, --difficulty <level>', 'only questions of this difficulty').choices(DIFFICULTIES))
    .option('-s, --search <text>', 'only questions whose title or prompt contains the text')
    .addHelpText('after', '\nExamples:\n  $ pmcoach list --company Amazon --difficulty hard\n  $ pmcoach list --search pricing --json')
    .action(
      action(async (ctx, opts: { tag?: string[]; company?: string; difficulty?: 'easy' | 'medium' | 'hard'; search?: string }) => {
        const m = await import('./commands/list.js');
        await m.run(ctx, opts);
      }),
    );

  program
    .command('show')
    .description('show a question: prompt, tags, minutes per stage (reference points stay hidden; --json shows all)')
    .argument('<id>', 'question id (see pmcoach list)')
    .addHelpText('after', '\nExample:\n  $ pmcoach show amazon-personalization-privacy')
    .action(
      action(async (ctx, id: string) => {
        const m = await import('./commands/show.js');
        await m.run(ctx, id);
      }),
    );

  program
    .command('validate')
    .description('check question, rubric and answer files and report every problem with file:line:col')
    .argument('[paths...]', 'files or folders (default: the question folders in use)')
    .addHelpText('after', '\nExamples:\n  $ pmcoach validate\n  $ pmcoach validate my-questions/ answers/sam.yaml')
    .action(
      action(async (ctx, paths: string[]) => {
        const m = await import('./commands/validate.js');
        await m.run(ctx, paths);
      }),
    );

  program
    .command('paths')
    .description('print where pmcoach keeps its data (PMCOACH_HOME overrides the folder)')
    .action(
      action(async (ctx) => {
        const m = await import('./commands/paths.js');
        await m.run(ctx);
      }),
    );

  return program;
}

import { Command, Option, InvalidArgumentError } from 'commander';
import { packageVersion } from '../store/package-root.js';
import { createContext, type Context, type GlobalOptions } from './context.js';
import { UserError } from '../errors.js';
import { DIFFICULTIES } from '../questions/filter.js';
import { addJudgeOptions, type JudgeFlags } from './judge-flags.js';

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

/**
 * Runs a command module loaded only when the command runs, so start-up stays light. A data folder that cannot
 * be written (read-only, full, not a folder) is the user's to fix: one line naming it and PMCOACH_HOME.
 */
function action<A extends unknown[]>(handler: (ctx: Context, ...args: A) => Promise<void>) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const ctx = createContext(cmd.optsWithGlobals<GlobalOptions>());
    try {
      await handler(ctx, ...(args.slice(0, -1) as A));
    } catch (error) {
      throw dataFolderError(error, ctx) ?? error;
    }
  };
}

/** A failed write inside the data folder as a UserError, or undefined for anything else. */
export function dataFolderError(error: unknown, ctx: Pick<Context, 'paths'>): UserError | undefined {
  const e = error as NodeJS.ErrnoException | null;
  const code = e?.code;
  if (!code || !['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOTDIR', 'EDQUOT', 'EEXIST'].includes(code)) return undefined;
  const home = ctx.paths.home;
  const path = typeof e.path === 'string' ? e.path : '';
  if (path && !path.startsWith(home)) return undefined;
  const why = { EACCES: 'permission denied', EPERM: 'not permitted', EROFS: 'read-only file system', ENOSPC: 'disk full', ENOTDIR: 'a file is in the way of a folder', EDQUOT: 'disk quota exceeded', EEXIST: 'a file is in the way of a folder' }[code];
  return new UserError(`cannot write to the data folder ${home} (${code}: ${why}); make it writable, or set PMCOACH_HOME to a folder you can write`);
}

const EXAMPLES = `
Examples:
  $ pmcoach                                 a menu: resume, pick a question, mock, progress, setup (elsewhere: list)
  $ pmcoach practice amazon-personalization-privacy --time-scale 0.5
  $ pmcoach list --tag privacy              questions tagged "privacy"
  $ pmcoach show amazon-personalization-privacy
  $ pmcoach grade answers/ --out transcripts/
  $ pmcoach mock loop.yaml --answers cohort/sam/
  $ pmcoach stats                           progress per criterion, streak, what to retry
  $ pmcoach validate my-questions/          check your own YAML questions
  $ pmcoach --questions my-questions list   add your folder to the bundled bank
  $ pmcoach paths                           where sessions, transcripts and config live
`;

/**
 * Every command, registered on demand: a run that names its command registers only that one (start-up stays
 * light); help, suggestions and a run without a known command register them all. Each command's module
 * loads only when the command runs. Worth it: registering every command costs about 1.6 ms more, cold, than
 * registering the named one (bench/startup.bench.ts; the bar for keeping it was 1 ms).
 */
const COMMANDS: Record<string, (program: Command) => void> = {
  list: (program) => {
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
  },
  show: (program) => {
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
  },
  answer: (program) => {
    program
      .command('answer')
      .description('show a question\'s model answer, stage by stage (asks first in a terminal if you have not practised it)')
      .argument('<id>', 'question id (see pmcoach list)')
      .option('-y, --yes', 'show it without asking, even if it spoils a question you have not practised')
      .addHelpText('after', '\nExamples:\n  $ pmcoach answer zoom-free-meeting-limit\n  $ pmcoach answer zoom-free-meeting-limit --yes > model.md\n  $ pmcoach answer zoom-free-meeting-limit --json')
      .action(
        action(async (ctx, id: string, opts: { yes?: boolean }) => {
          const m = await import('./commands/answer.js');
          await m.run(ctx, id, opts);
        }),
      );
  },
  validate: (program) => {
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
  },
  paths: (program) => {
    program
      .command('paths')
      .description('print where pmcoach keeps its data (PMCOACH_HOME overrides the folder)')
      .action(
        action(async (ctx) => {
          const m = await import('./commands/paths.js');
          await m.run(ctx);
        }),
      );
  },
  practice: (program) => {
    addJudgeOptions(program.command('practice'))
      .description('a timed practice session in the terminal: the question, then each stage with a countdown; scored at the end')
      .argument('[id]', 'question id (default: pick one from a list, narrowed by the filters)')
      .option('-t, --tag <tag>', 'pick among questions with this tag (repeatable)', collect)
      .option('-c, --company <name>', 'pick among questions about this company')
      .addOption(new Option('-d, --difficulty <level>', 'pick among questions of this difficulty').choices(DIFFICULTIES))
      .addOption(new Option('--focus <mode>', 'weak: pick a question that works your weakest criteria (see pmcoach stats)').choices(['weak']))
      .option('--minutes <list>', 'minutes per stage, e.g. clarifying=5,metrics=6 (stages: clarifying, stakeholders, metrics, experiments, recommendation; followup for the push-back, default 2)')
      .option('--time-scale <x>', 'multiply every stage\'s time, e.g. 0.5 for half time', positiveNumber('--time-scale'))
      .option('--no-timer', 'no countdown and no overtime (time used is still recorded)')
      .option('--hard-stop', 'end each stage when its time runs out (default: overtime is allowed and recorded)')
      .option('--editor', 'write each stage in $VISUAL/$EDITOR instead of the built-in editor')
      .option('--random', 'a random question (least practised first, within the filters) instead of the picker')
      .option('--no-ready', 'start the clock at once, without the ready screen')
      .option('--no-menu', 'after the score, print the details and exit instead of offering a menu')
      .addHelpText(
        'after',
        '\nExamples:\n  $ pmcoach practice                        pick a question from a list (type to filter)\n  $ pmcoach practice --random\n  $ pmcoach practice instagram-feed-ad-load --minutes clarifying=5,metrics=6\n  $ pmcoach practice --tag privacy --time-scale 0.5 --hard-stop\n  $ pmcoach practice uber-surge-pricing-cap --minutes followup=3\n\nCtrl-D or a line with only "." submits a stage, ":skip" skips it, Ctrl-C saves and quits (pmcoach resume continues).\nIn the clarifying stage a line starting with "?" asks the interviewer; after the recommendation the interviewer pushes back once.',
      )
      .action(
        action(async (ctx, id: string | undefined, opts: import('./commands/practice/index.js').PracticeOptions) => {
          const m = await import('./commands/practice/index.js');
          await m.run(ctx, id, opts);
        }),
      );
  },
  resume: (program) => {
    addJudgeOptions(program.command('resume'))
      .description('continue an unfinished practice session at the stage, draft and time where it stopped')
      .argument('[id]', 'session id or a unique part of one (default: the latest unfinished session), or a rescue file (.json) pmcoach wrote when it could not save')
      .option('--editor', 'write each stage in $VISUAL/$EDITOR instead of the built-in editor')
      .option('--no-menu', 'after the score, print the details and exit instead of offering a menu')
      .addHelpText('after', '\nExamples:\n  $ pmcoach resume\n  $ pmcoach resume 20261127-231405\n  $ pmcoach resume /tmp/pmcoach-rescue/20261127-231405-ab12-zoom-free-meeting-limit.json')
      .action(
        action(async (ctx, id: string | undefined, opts: { editor?: boolean; menu?: boolean } & JudgeFlags) => {
          const m = await import('./commands/resume.js');
          await m.run(ctx, id, opts);
        }),
      );
  },
  sessions: (program) => {
    const sessions = program
      .command('sessions')
      .description('list practice sessions, unfinished and finished, with where to resume; sessions rm removes some')
      .addHelpText('after', '\nExamples:\n  $ pmcoach sessions\n  $ pmcoach sessions --json\n  $ pmcoach sessions rm --unfinished --older-than 7d')
      .action(
        action(async (ctx) => {
          const m = await import('./commands/sessions.js');
          await m.run(ctx);
        }),
      );
    sessions
      .command('rm')
      .description('remove saved sessions (their transcripts stay); asks first in a terminal')
      .argument('[ids...]', 'session ids, or any unique part of one')
      .option('--unfinished', 'every unfinished session (with --older-than: only the older ones)')
      .option('--older-than <age>', 'with --unfinished: last saved longer ago than this, e.g. 7d, 12h, 30m')
      .option('-y, --yes', 'remove without asking')
      .addHelpText('after', '\nExamples:\n  $ pmcoach sessions rm 20261127-231405\n  $ pmcoach sessions rm --unfinished --older-than 7d --yes')
      .action(
        action(async (ctx, ids: string[], opts: import('./commands/sessions.js').RemoveOptions) => {
          const m = await import('./commands/sessions.js');
          await m.remove(ctx, ids, opts);
        }),
      );
  },
  export: (program) => {
    program
      .command('export')
      .description('print or save a session transcript as markdown or JSON')
      .argument('<session>', 'a session id, any unique part of one, or "latest" (the latest finished session; see pmcoach history)')
      .addOption(new Option('-f, --format <format>', 'md or json (default md; json with --json or an -o name ending in .json)').choices(['md', 'json']))
      .option('-o, --output <file>', 'write to this file (atomically) instead of stdout')
      .option('--no-model-answer', 'leave out the question\'s model answer (the appendix every transcript has when the question has one)')
      .addHelpText('after', '\nExamples:\n  $ pmcoach export latest\n  $ pmcoach export 20261127-231405 -o round2.md\n  $ pmcoach export latest --format json > latest.json\n  $ pmcoach export latest --no-model-answer -o for-candidate.md')
      .action(
        action(async (ctx, ref: string, opts: { format?: 'md' | 'json'; output?: string; modelAnswer?: boolean }) => {
          const m = await import('./commands/export.js');
          await m.run(ctx, ref, opts);
        }),
      );
  },
  history: (program) => {
    program
      .command('history')
      .description('list past sessions: date, id, overall score, verdict, judge and question')
      .option('-n, --limit <n>', 'show only the latest N sessions (the table shows 20 by default)', positiveInt('--limit'))
      .option('-q, --question <id>', 'only the attempts at this question')
      .addHelpText('after', '\nExamples:\n  $ pmcoach history\n  $ pmcoach history --limit 5 --json\n  $ pmcoach history --question zoom-free-meeting-limit')
      .action(
        action(async (ctx, opts: { limit?: number; question?: string }) => {
          const m = await import('./commands/history.js');
          await m.run(ctx, opts);
        }),
      );
  },
  stats: (program) => {
    program
      .command('stats')
      .description('progress: average and trend per criterion, weakest criterion, practice streak, questions to retry')
      .option('--last <n>', 'how many of the latest scored sessions to cover (default 10)', positiveInt('--last'))
      .addHelpText('after', '\nExamples:\n  $ pmcoach stats\n  $ pmcoach stats --last 20 --json')
      .action(
        action(async (ctx, opts: { last?: number }) => {
          const m = await import('./commands/stats.js');
          await m.run(ctx, opts);
        }),
      );
  },
  score: (program) => {
    addJudgeOptions(
      program
        .command('score')
        .description('score a saved session again (e.g. with another model) and save the new score in it')
        .argument('<session>', 'a session id, any unique part of one, or "latest" (the latest finished session)')
        .option('--unfinished', 'score a session that is not finished yet (what it has so far)'),
    )
      .addHelpText(
        'after',
        '\nExamples:\n  $ pmcoach score latest\n  $ pmcoach score latest --model gpt-4o --samples 3\n  $ pmcoach score 20261127-231405 --base-url http://localhost:11434/v1 --model llama3.1\n  $ pmcoach score latest --judge offline --json',
      )
      .action(
        action(async (ctx, ref: string, opts: import('./commands/score.js').ScoreOptions) => {
          const m = await import('./commands/score.js');
          await m.run(ctx, ref, opts);
        }),
      );
  },
  config: (program) => {
    const config = program
      .command('config')
      .description('show or change the judge settings in the config file (API keys stay in OPENAI_API_KEY); alone: config get')
      .addHelpText(
        'after',
        '\nKeys: judge (llm|offline), model, baseUrl, timeout (seconds), samples (1-9), temperature (0-2).\nPrecedence: defaults < config file < environment < flags.\n\nExamples:\n  $ pmcoach config set judge llm\n  $ pmcoach config set baseUrl http://localhost:11434/v1\n  $ pmcoach config get\n  $ pmcoach config path',
      );
    config.action(
      action(async (ctx) => {
        const m = await import('./commands/config.js');
        await m.get(ctx, undefined);
      }),
    );
    config
      .command('get')
      .description('print one setting, or all with where each comes from (the API key only masked)')
      .argument('[key]', 'judge, model, baseUrl, timeout, samples, temperature or apiKey')
      .addHelpText('after', '\nExamples:\n  $ pmcoach config get\n  $ pmcoach config get model')
      .action(
        action(async (ctx, key: string | undefined) => {
          const m = await import('./commands/config.js');
          await m.get(ctx, key);
        }),
      );
    config
      .command('set')
      .description('save a setting in the config file (mode 0600)')
      .argument('<key>', 'judge, model, baseUrl, timeout, samples or temperature')
      .argument('<value>', 'the value')
      .addHelpText('after', '\nExamples:\n  $ pmcoach config set judge llm\n  $ pmcoach config set model gpt-4o-mini\n  $ pmcoach config set timeout 60')
      .action(
        action(async (ctx, key: string, value: string) => {
          const m = await import('./commands/config.js');
          await m.set(ctx, key, value);
        }),
      );
    config
      .command('unset')
      .description('remove a setting from the config file (its default applies again)')
      .argument('<key>', 'judge, model, baseUrl, timeout, samples or temperature')
      .addHelpText('after', '\nExample:\n  $ pmcoach config unset baseUrl')
      .action(
        action(async (ctx, key: string) => {
          const m = await import('./commands/config.js');
          await m.unset(ctx, key);
        }),
      );
    config
      .command('path')
      .description('print where the config file is')
      .addHelpText('after', '\nExample:\n  $ pmcoach config path')
      .action(
        action(async (ctx) => {
          const m = await import('./commands/config.js');
          await m.path(ctx);
        }),
      );
  },
  setup: (program) => {
    program
      .command('setup')
      .description('set up an LLM judge step by step: the server, its address, the key, the model, a live check; then save')
      .addOption(new Option('--provider <name>', 'skip the question: openai, azure, ollama, lmstudio, vllm, llamacpp or other').choices(['openai', 'azure', 'ollama', 'lmstudio', 'vllm', 'llamacpp', 'other']))
      .option('--base-url <url>', 'the server address (default: the provider\'s usual one)')
      .option('--model <name>', 'the model (default: pick from the server\'s list)')
      .option('-y, --yes', 'save without asking (with --provider and --model: no questions at all)')
      .option('--no-check', 'save without the live check (e.g. the server is not running yet)')
      .addHelpText(
        'after',
        '\nExamples:\n  $ pmcoach setup\n  $ pmcoach setup --provider ollama --model llama3.1 --yes\n  $ pmcoach setup --provider vllm --base-url http://gpu-box:8000/v1 --model qwen2.5-7b-instruct --yes\n\nAPI keys are never asked for or stored: set OPENAI_API_KEY in your environment.',
      )
      .action(
        action(async (ctx, opts: import('./commands/setup.js').SetupOptions) => {
          const m = await import('./commands/setup.js');
          await m.run(ctx, opts);
        }),
      );
  },
  home: (program) => {
    program
      .command('home', { hidden: true })
      .description('the menu pmcoach opens with no command in a terminal')
      .action(
        action(async (ctx) => {
          const m = await import('./commands/home.js');
          await m.run(ctx);
        }),
      );
  },
  doctor: (program) => {
    addJudgeOptions(
      program
        .command('doctor')
        .description('check that the judge can work: the API key, the server, the model and structured-output support'),
    )
      .addHelpText('after', '\nExamples:\n  $ pmcoach doctor\n  $ pmcoach doctor --base-url http://localhost:11434/v1 --model llama3.1')
      .action(
        action(async (ctx, opts: JudgeFlags) => {
          const m = await import('./commands/doctor.js');
          await m.run(ctx, opts);
        }),
      );
  },
  grade: (program) => {
    addJudgeOptions(program.command('grade'))
      .description('score answer files (YAML or JSON) without a terminal, and print a summary table')
      .argument('<paths...>', 'answer files or folders of them')
      .option('--concurrency <n>', 'LLM requests at once (default 4; rate limits (429) lower it for a while)', positiveInt('--concurrency'), 4)
      .option('-o, --out <dir>', 'write one markdown transcript per answer file there as each is graded (and one JSON with --json); a second run skips files already there')
      .option('--force', 'grade again files whose results are already in --out, and submit a new batch instead of picking up one already submitted')
      .option('--no-model-answer', 'transcripts in --out leave out the question\'s model answer (to hand them to candidates)')
      .option('--save', 'also keep each graded answer in your history (pmcoach history, stats)')
      .option('--batch', 'grade through the OpenAI Batch API: upload the requests, wait for the batch (Ctrl-C leaves it running), then grade from its results')
      .option('--batch-file <file>', 'only write the requests as JSONL in the OpenAI batch format (for vllm run-batch); nothing is graded')
      .option('--batch-results <file>', 'grade from a results file of such requests (vllm run-batch -o; repeatable)', collect)
      .option('--no-retry', 'with --batch or --batch-results: do not ask again for failed requests; write them to a retry file')
      .option('--dry-run', 'with --batch or --batch-file: print the requests, batches, model and an estimate of input tokens; send nothing')
      .addHelpText(
        'after',
        '\nExamples:\n  $ pmcoach grade answers/\n  $ pmcoach grade cohort/ --out transcripts/ --json > results.json\n  $ pmcoach grade sam.yaml --base-url http://localhost:11434/v1 --model llama3.1 --concurrency 2\n  $ pmcoach grade cohort/ --batch --model gpt-4o-mini --out transcripts/\n  $ pmcoach grade cohort/ --batch-file requests.jsonl --model Qwen/Qwen2.5-7B-Instruct\n  $ pmcoach grade cohort/ --batch-results results.jsonl --model Qwen/Qwen2.5-7B-Instruct --base-url http://gpu:8000/v1',
      )
      .action(
        action(async (ctx, paths: string[], opts: import('./commands/grade/index.js').GradeOptions) => {
          const m = await import('./commands/grade/index.js');
          await m.run(ctx, paths, opts);
        }),
      );
  },
  batches: (program) => {
    const batches = program
      .command('batches')
      .description('list the batches grade --batch submitted: status, request counts, age (checked with the server)')
      .addHelpText('after', '\nExamples:\n  $ pmcoach batches\n  $ pmcoach batches --json\n  $ pmcoach batches cancel batch_abc123')
      .action(
        action(async (ctx) => {
          const m = await import('./commands/batches.js');
          await m.list(ctx);
        }),
      );
    batches
      .command('cancel')
      .description('cancel a submitted batch (requests already done are still billed)')
      .argument('<id>', 'batch id, or a unique start of one (see pmcoach batches)')
      .action(
        action(async (ctx, id: string) => {
          const m = await import('./commands/batches.js');
          await m.cancel(ctx, id);
        }),
      );
  },
  calibrate: (program) => {
    addJudgeOptions(program.command('calibrate'))
      .description("measure how far a judge agrees with a coach's own grades (human: in answer files), or with another judge")
      .argument('<paths...>', 'answer files or folders; those with human: grades are used')
      .option('--against <judge>', 'compare with another judge instead of the coach: offline, llm, or a model name')
      .option('--concurrency <n>', 'LLM requests at once (default 4)', positiveInt('--concurrency'), 4)
      .option('--batch', 'grade through the OpenAI Batch API (as grade --batch)')
      .option('--batch-results <file>', 'grade from a results file (as grade --batch-results; repeatable)', collect)
      .option('-o, --out <file>', 'write the report as markdown (atomically)')
      .addHelpText(
        'after',
        '\nExamples:\n  $ pmcoach calibrate cohort/ --model gpt-4o-mini\n  $ pmcoach calibrate cohort/ --judge offline --out calibration.md\n  $ pmcoach calibrate cohort/ --model gpt-4o --against offline --json',
      )
      .action(
        action(async (ctx, paths: string[], opts: import('./commands/calibrate.js').CalibrateOptions) => {
          const m = await import('./commands/calibrate.js');
          await m.run(ctx, paths, opts);
        }),
      );
  },
  mock: (program) => {
    addJudgeOptions(program.command('mock'))
      .description('a scripted mock interview: several questions with breaks, one combined transcript and a summary')
      .argument('<script>', 'mock script (YAML): title, interviewer, questions, break_seconds')
      .option('--answers <path>', 'run without a terminal, taking each question\'s answers from answer files (a file or folder)')
      .option('--time-scale <x>', 'interactive: multiply every stage\'s time, e.g. 0.5 for half time', positiveNumber('--time-scale'))
      .option('--hard-stop', 'interactive: end each stage when its time runs out (default: overtime is allowed and recorded)')
      .option('--candidate <name>', 'with --answers: whose answers to take when the folder holds several candidates\' answers to a question')
      .option('--save', 'with --answers: also keep the graded answers in your history (pmcoach history, stats)')
      .addHelpText(
        'after',
        '\nExamples:\n  $ pmcoach mock loop.yaml\n  $ pmcoach mock loop.yaml --time-scale 0.5\n  $ pmcoach mock loop.yaml --answers cohort/sam/ --json\n  $ pmcoach mock loop.yaml --answers cohort/ --candidate Sam\n\nCtrl-C saves the mock as a whole; pmcoach resume continues it at the question and stage where it stopped.',
      )
      .action(
        action(async (ctx, script: string, opts: import('./commands/mock/index.js').MockOptions) => {
          const m = await import('./commands/mock/index.js');
          await m.run(ctx, script, opts);
        }),
      );

  },
};

/** The program with the `only` command, or every command when `only` is not one of them. */
export function buildProgram(only?: string): Command {
  const program = new Command('pmcoach')
    .description('A coach for product-manager trade-off interviews: timed practice, rubric scoring, transcripts.')
    .version(packageVersion(), '-V, --version')
    .option('--questions <dir>', 'add a folder of question YAML files to the bundled bank (repeatable; also PMCOACH_QUESTIONS)', collect)
    .option('--json', 'print data as JSON (for commands that print data)')
    .option('--no-color', 'plain output without colours (NO_COLOR is honoured too)')
    .showSuggestionAfterError(true)
    .addHelpText('after', EXAMPLES)
    // Set before any subcommand is added: subcommands copy these settings when created.
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`pmcoach: ${str.replace(/^error: /, '').trimEnd()}\n`) });

  const names = only !== undefined && Object.hasOwn(COMMANDS, only) ? [only] : Object.keys(COMMANDS);
  for (const name of names) COMMANDS[name]!(program);
  return program;
}

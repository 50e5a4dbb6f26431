import { InvalidArgumentError, Option, type Command } from 'commander';
import type { JudgeFlags } from '../config/settings.js';
import { LEVELS } from '../config/file.js';

export type { JudgeFlags } from '../config/settings.js';

// The judge flags alone, light enough for program.ts to load at start-up; judge-options.ts resolves them.

function number(name: string, ok: (n: number) => boolean, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new InvalidArgumentError(`${name} must be ${what}`);
    return n;
  };
}

/** The judge flags practice, score, grade, mock and doctor share. Values are checked again with the rest. */
export function addJudgeOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--judge <judge>', 'who scores: llm (an OpenAI-compatible server) or offline (built in, the default)').choices(['llm', 'offline']))
    .option('--model <name>', 'model for the LLM judge (implies --judge llm; default gpt-4o-mini, or PMCOACH_MODEL)')
    .option('--base-url <url>', 'OpenAI-compatible server, e.g. http://localhost:11434/v1 (implies --judge llm; or OPENAI_BASE_URL)')
    .option('--samples <n>', 'score N times and take the median per criterion (1-9)', number('--samples', (n) => Number.isInteger(n) && n >= 1 && n <= 9, 'a whole number from 1 to 9'))
    .option('--timeout <seconds>', 'seconds the LLM judge may take before the offline judge scores instead (default 120)', number('--timeout', (n) => n > 0 && n <= 3600, 'a number of seconds above 0 and at most 3600'))
    .addOption(new Option('--level <level>', 'the level you interview for: the same answer is judged against its expectations (default pm)').choices(LEVELS))
    .option('--temperature <t>', 'sampling temperature for the LLM judge, 0-2 (default 0)', number('--temperature', (n) => n >= 0 && n <= 2, 'a number from 0 to 2'));
}

/** Only the judge flags from a command's options (commander gives every option of the command). */
export function judgeFlags(opts: JudgeFlags): JudgeFlags {
  const out: JudgeFlags = {};
  if (opts.judge !== undefined) out.judge = opts.judge;
  if (opts.model !== undefined) out.model = opts.model;
  if (opts.baseUrl !== undefined) out.baseUrl = opts.baseUrl;
  if (opts.samples !== undefined) out.samples = opts.samples;
  if (opts.timeout !== undefined) out.timeout = opts.timeout;
  if (opts.temperature !== undefined) out.temperature = opts.temperature;
  if (opts.level !== undefined) out.level = opts.level;
  return out;
}


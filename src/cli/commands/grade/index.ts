import type { Context } from '../../context.js';
import { bankFor } from '../../bank.js';
import { note } from '../../output.js';
import { UserError, usageError } from '../../../errors.js';
import { collectAnswers } from '../../../grade/collect.js';
import { formatProblem } from '../../../questions/problems.js';
import { rubricFor } from '../../../scoring/rubric.js';
import type { Question } from '../../../questions/schema.js';
import { judgeFlags, judgeSettingsFrom, type JudgeFlags } from '../../judge-options.js';
import { gradeItems, type EngineOptions, type GradeRun } from './engine.js';
import { Outputs, printResults } from './results.js';
import { onInterrupt, interruptedLine } from './interrupt.js';
import { plural } from '../../../text/format.js';

export interface GradeOptions extends JudgeFlags {
  concurrency: number;
  out?: string;
  save?: boolean;
  force?: boolean;
  batch?: boolean;
  batchFile?: string;
  batchResults?: string[];
  /** --no-retry sets it false. */
  retry?: boolean;
  dryRun?: boolean;
  /** --no-model-answer sets it false: transcripts in --out leave the model answer out (for handing to candidates). */
  modelAnswer?: boolean;
}

/** The judge flags, with the batch modes meaning the LLM judge (as --model does). Bad combinations are usage errors. */
export function batchFlags(opts: GradeOptions): { flags: JudgeFlags; batch: EngineOptions['batch'] } {
  const modes = [opts.batch && '--batch', opts.batchFile && '--batch-file', opts.batchResults && '--batch-results'].filter(Boolean);
  if (modes.length > 1) throw usageError(`${modes.join(' and ')} are different ways to grade; give one`);
  if (opts.dryRun && !opts.batch && !opts.batchFile) throw usageError('--dry-run goes with --batch or --batch-file');
  if (opts.retry === false && modes.length === 0) throw usageError('--no-retry goes with --batch or --batch-results');
  const flags = judgeFlags(opts);
  if (modes.length === 0) return { flags, batch: undefined };
  if (flags.judge === 'offline') throw usageError(`${modes[0]} sends requests to an LLM; it cannot be used with --judge offline`);
  flags.judge = 'llm';
  return { flags, batch: opts.batchResults ? { mode: 'results', files: opts.batchResults } : { mode: 'submit' } };
}

export const safeRubric = (rubrics: Parameters<typeof rubricFor>[1]) => (q: Question) => {
  try {
    return rubricFor(q, rubrics);
  } catch {
    return undefined;
  }
};

export async function run(ctx: Context, paths: string[], opts: GradeOptions): Promise<void> {
  const { flags, batch } = batchFlags(opts);
  const bank = await bankFor(ctx);
  const { items, invalid } = collectAnswers(paths, bank.questions, safeRubric(bank.rubrics));
  for (const bad of invalid) for (const p of bad.problems) note(ctx, formatProblem(p));
  if (items.length === 0 && invalid.length === 0) throw new UserError(`no answer files (.yaml, .yml, .json) found in ${paths.join(', ')}`);

  if (opts.batchFile || opts.dryRun) {
    const { writeRequests } = await import('./batch.js');
    await writeRequests(ctx, bank, items, { flags, file: opts.batchFile, dryRun: opts.dryRun === true });
    if (invalid.length > 0) throw new UserError(`${plural(invalid.length, 'answer file')} could not be read (problems above); the others are in the request file`);
    return;
  }

  const asked = judgeSettingsFrom(ctx, flags).judge;
  const run: GradeRun = { items, sessions: items.map(() => undefined), asked, extra: [], notGraded: 0 };
  const outputs = new Outputs(ctx, items, opts, asked);
  if (!opts.force) {
    items.forEach((_, i) => (run.sessions[i] = outputs.previous(i)));
    const kept = run.sessions.filter(Boolean).length;
    if (kept > 0) {
      note(ctx, `${plural(kept, 'file')} already graded in ${opts.out} (same content and judge); grading the other ${items.length - kept} (--force grades all again)`);
      run.extra.push(`${kept} from earlier runs`);
    }
  }

  const uninstall = onInterrupt((signal) => {
    printResults(ctx, graded(run), { asked, invalid: invalid.length, out: opts.out });
    note(ctx, interruptedLine(run, signal, opts.out));
  });
  try {
    await gradeItems(ctx, bank, run, { flags, concurrency: opts.concurrency, batch, retry: opts.retry !== false, force: opts.force === true }, (i, s) => outputs.write(i, s));
  } finally {
    uninstall();
  }

  printResults(ctx, graded(run), { asked, invalid: invalid.length, out: opts.out, extra: run.extra });
  const problems = [
    ...(invalid.length ? [`${plural(invalid.length, 'answer file')} could not be graded (problems above); fix and run pmcoach validate on ${invalid.length === 1 ? 'it' : 'them'}`] : []),
    ...(run.notGraded ? [`${plural(run.notGraded, 'file')} not graded: ${run.notGraded === 1 ? 'its' : 'their'} batch requests failed and --no-retry was given; the requests are in ${run.retryFile}`] : []),
    ...(outputs.failures ? [`${plural(outputs.failures, 'write')} failed (above); the results printed here are complete`] : []),
  ];
  if (problems.length > 0) throw new UserError(problems.join('; '));
}

function graded(run: GradeRun) {
  return run.items.flatMap((item, i) => (run.sessions[i] ? [{ item, session: run.sessions[i]! }] : []));
}

import type { Context } from '../../context.js';
import type { Bank } from '../../../questions/load.js';
import type { AnswerItem } from '../../../grade/collect.js';
import { AdaptivePool } from '../../../grade/pool.js';
import type { SessionRecord } from '../../../session/types.js';
import type { Journal } from '../../../batch/journal.js';
import { ProgressBar } from '../../progress.js';
import { createJudgeFor, type JudgeFlags } from '../../judge-options.js';
import { preparer } from './prepare.js';

export interface EngineOptions {
  flags: JudgeFlags;
  concurrency: number;
  /** Grade through a batch: the Batch API (`submit`), or a results file from an offline runner. */
  batch?: { mode: 'submit' } | { mode: 'results'; files: string[] };
  retry: boolean;
  force: boolean;
}

/** A grading run's state, shared with the interrupt path: what is done, and the batch being waited on. */
export interface GradeRun {
  items: AnswerItem[];
  /** By item; undefined until graded (or when it could not be). */
  sessions: Array<SessionRecord | undefined>;
  asked: 'llm' | 'offline';
  /** More for the footer, e.g. how many requests were retried. */
  extra: string[];
  /** Set while polling, so Ctrl-C can say the batch keeps running. */
  waiting?: Journal;
  /** Files not graded because a batch request failed and --no-retry was given: listed in this file. */
  retryFile?: string;
  notGraded: number;
}

/**
 * The SDK's retries within the deadline, each honouring retry-after: enough for a storm of 429s to pass (at a 20%
 * rate, five 429s in a row happen to 0.03% of requests), few enough that a server that is down fails a file in
 * seconds (the SDK's backoff then is 0.5 + 1 + 2 + 4 s).
 */
export const GRADE_MAX_RETRIES = 4;

/**
 * Grades every item not yet done, calling `onDone` as each finishes (so results are written as they come):
 * synchronously through an adaptive pool, or through a batch.
 */
export async function gradeItems(ctx: Context, bank: Bank, run: GradeRun, o: EngineOptions, onDone: (i: number, s: SessionRecord) => void): Promise<void> {
  const todo = run.items.map((_, i) => i).filter((i) => run.sessions[i] === undefined);
  if (todo.length === 0) return;
  if (o.batch) {
    const { gradeBatch } = await import('./batch.js');
    await gradeBatch(ctx, bank, run, todo, o, onDone);
    return;
  }
  const { judge, settings, onRateLimit } = await createJudgeFor(ctx, o.flags, { maxRetries: GRADE_MAX_RETRIES });
  const prepare = preparer(ctx, bank.rubrics, settings);
  const pool = new AdaptivePool(o.concurrency);
  onRateLimit(() => pool.slowDown());
  const progress = new ProgressBar(ctx.stderr, todo.length);
  await pool.map(todo, async (i) => {
    const { session, input } = await prepare(run.items[i]!);
    const score = await judge.score(input);
    const done = { ...session, score } satisfies SessionRecord;
    run.sessions[i] = done;
    onDone(i, done);
    progress.tick(run.items[i]!.file);
  });
  progress.clear();
}

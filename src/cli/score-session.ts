import type { Context } from './context.js';
import { createJudgeFor, type JudgeFlags } from './judge-options.js';
import type { Bank } from '../questions/load.js';
import type { SessionRecord } from '../session/types.js';
import { scoreInputFromSession } from '../session/score-input.js';
import { rubricFor } from '../scoring/rubric.js';
import type { ScoreResult } from '../scoring/types.js';
import { SPINNER_FRAMES } from './spinner.js';

/** A spinner on stderr while `work` runs, only on a terminal; it leaves nothing behind. */
async function withSpinner<T>(ctx: Pick<Context, 'stderr'>, text: string, work: Promise<T>): Promise<T> {
  if (ctx.stderr.isTTY !== true) return work;
  let i = 0;
  const draw = (): void => {
    ctx.stderr.write(`\r${SPINNER_FRAMES[i++ % SPINNER_FRAMES.length]} ${text}\u001b[K`);
  };
  draw();
  const timer = setInterval(draw, 100);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    ctx.stderr.write('\r\u001b[K');
  }
}

/**
 * Scores a session with the judge the settings ask for: the question's rubric, the LLM judge (falling back to
 * the offline judge with a note) or the offline judge. The caller saves the result and prints it (render.ts).
 */
export async function scoreSession(
  ctx: Context,
  session: SessionRecord,
  bank: Pick<Bank, 'rubrics'>,
  opts: JudgeFlags & { signal?: AbortSignal } = {},
): Promise<ScoreResult> {
  const rubric = rubricFor(session.question, bank.rubrics);
  const { judge } = await createJudgeFor(ctx, opts);
  const input = scoreInputFromSession(session, rubric);
  const work = judge.score(input, opts.signal);
  if (judge.info.kind !== 'llm') return work;
  return withSpinner(ctx, `Scoring with ${judge.info.label}…`, work);
}

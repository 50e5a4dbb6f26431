import type { Context } from './context.js';
import type { SessionRecord } from '../session/types.js';
import type { Rubric } from '../questions/schema.js';
import { saveSession } from '../session/files.js';
import { colors, note, print } from './output.js';
import type { JudgeFlags } from './judge-options.js';
import { writeReason } from './write-failure.js';

export interface FinishOptions {
  rubrics: readonly Rubric[];
  judge?: JudgeFlags;
}

/**
 * A session's answers are complete: they are saved first (so nothing depends on the judge), then scored,
 * the score saved with them, the markdown transcript written, and the score shown.
 */
export async function finishSession(ctx: Context, session: SessionRecord, opts: FinishOptions): Promise<SessionRecord> {
  saveSession(ctx.paths, session);
  const [{ scoreSession }, { renderScore, sessionTimes }, { writeTranscript, transcriptPath }] = await Promise.all([
    import('./score-session.js'),
    import('./render-score.js'),
    import('../transcript/write.js'),
  ]);
  const score = await scoreSession(ctx, session, { rubrics: [...opts.rubrics] }, opts.judge ?? {});
  const scored: SessionRecord = { ...session, score, transcriptPath: transcriptPath(ctx.paths, session.id), updatedAt: new Date().toISOString() };
  // The score first: a transcript can be written again from the session (pmcoach export), a lost score cannot.
  saveSession(ctx.paths, scored);
  let transcriptFailed: string | undefined;
  try {
    writeTranscript(ctx.paths, scored);
  } catch (error) {
    transcriptFailed = writeReason(error);
  }
  const c = colors(ctx);
  print(ctx, '');
  print(ctx, renderScore(score, { paint: c, stages: sessionTimes(scored), width: ctx.stdout.isTTY ? ctx.stdout.columns : undefined }));
  print(ctx, '');
  if (transcriptFailed) {
    note(ctx, `pmcoach: could not write the transcript ${scored.transcriptPath} (${transcriptFailed}); the session and its score are saved: pmcoach export ${session.id} -o answer.md`);
    process.exitCode = 1;
  } else print(ctx, `Transcript: ${scored.transcriptPath}`);
  const other = score.judge.kind === 'llm' ? '--judge offline' : '--judge llm --model <name>';
  note(ctx, c.dim(`Export it: pmcoach export ${session.id} -o answer.md · score again: pmcoach score ${session.id} ${other}`));
  return scored;
}

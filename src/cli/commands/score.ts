import type { Context } from '../context.js';
import { bankFor } from '../bank.js';
import { colors, note, print, printJson } from '../output.js';
import { judgeSettingsFrom, type JudgeFlags } from '../judge-options.js';
import { scoreSession } from '../score-session.js';
import { saveSession } from '../../session/files.js';
import { readSession, readSessions, resolveRef } from '../../session/read.js';
import { renderScore, sessionTimes } from '../render-score.js';
import { UserError } from '../../errors.js';

export interface ScoreOptions extends JudgeFlags {
  /** Score a session that is not finished (what it has so far). */
  unfinished?: boolean;
}

/** Re-scores a saved session (e.g. with another model) and saves the new score into its file. */
export async function run(ctx: Context, ref: string, opts: ScoreOptions): Promise<void> {
  // Bad flags are bad usage (exit 2), found before anything is read.
  judgeSettingsFrom(ctx, opts);
  const { id, picked } = resolveRef(readSessions(ctx.paths), ref);
  if (picked) note(ctx, `Scoring the latest finished session: ${picked}`);
  const session = readSession(ctx.paths, id);
  if (session.status !== 'finished' && !opts.unfinished) {
    throw new UserError(`session ${id} is not finished; continue it with pmcoach resume ${id}, or score what it has with pmcoach score ${id} --unfinished`);
  }
  const bank = await bankFor(ctx);
  if (session.status !== 'finished') note(ctx, `Session ${id} is not finished; scoring what it has (pmcoach resume continues it).`);
  const previous = session.score;
  const result = await scoreSession(ctx, session, bank, opts);
  // Re-read so that nothing written meanwhile is lost; only the score changes.
  const latest = readSession(ctx.paths, id);
  const path = saveSession(ctx.paths, { ...latest, score: result, updatedAt: new Date().toISOString() });
  if (ctx.json) return printJson(ctx, result);
  print(ctx, renderScore(result, { paint: colors(ctx), stages: sessionTimes(session), width: ctx.stdout.isTTY ? ctx.stdout.columns : undefined }));
  const was = previous ? ` (was ${previous.overall}/100 by ${previous.judge.label})` : '';
  note(ctx, `Score saved to ${path}${was}`);
}

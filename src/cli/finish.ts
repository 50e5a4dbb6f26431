import type { Context } from './context.js';
import type { SessionRecord } from '../session/types.js';
import { saveSession } from '../store/sessions.js';
import { print } from './output.js';

/**
 * What happens when a session's answers are complete: for now, save and say it is not scored yet.
 * Scoring and transcripts plug in here.
 */
export async function finishSession(ctx: Context, session: SessionRecord): Promise<void> {
  const path = saveSession(ctx.paths, session);
  print(ctx, `Not scored yet. Session saved: ${path}`);
}

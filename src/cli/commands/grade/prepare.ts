import type { Context } from '../../context.js';
import { note } from '../../output.js';
import type { AnswerItem } from '../../../grade/collect.js';
import { answerFileToSession } from '../../../answers/to-session.js';
import { newSessionId } from '../../../session/files.js';
import type { SessionRecord } from '../../../session/types.js';
import { rubricFor } from '../../../scoring/rubric.js';
import { scoreInputFromSession } from '../../../session/score-input.js';
import type { ScoreInput } from '../../../scoring/types.js';
import type { Rubric } from '../../../questions/schema.js';
import type { JudgeSettings } from '../../../config/settings.js';
import { createInterviewer } from '../../../interviewer/interviewer.js';
import { answerFileExchanges } from '../../../interviewer/answer-file.js';

/** One answer file made ready for a judge: the session it becomes (unscored) and what the judge reads. */
export interface Prepared {
  session: SessionRecord;
  input: ScoreInput;
}

/**
 * Turns answer files into sessions the way a live session would end: the interviewer answers any `asked`
 * entry without an `a` (offline unless the judge is llm; always offline for an offline runner's requests and
 * results, where there may be no server to ask and both runs must see the same replies).
 */
export function preparer(ctx: Context, rubrics: readonly Rubric[], settings: JudgeSettings, now = new Date(), o: { offlineInterviewer?: boolean } = {}): (item: AnswerItem) => Promise<Prepared> {
  const interviewer = createInterviewer(o.offlineInterviewer ? { ...settings, judge: 'offline' } : settings, undefined, { cacheDir: ctx.paths.cache, onNote: (n) => note(ctx, n) });
  return async (item) => {
    const replies = await answerFileExchanges(item.answer, item.question, interviewer);
    const session = answerFileToSession(item.answer, item.question, { id: newSessionId(item.question.id, now), now, origin: 'grade', ...(replies ? { replies } : {}) });
    return { session, input: scoreInputFromSession(session, rubricFor(item.question, rubrics), settings.level) };
  };
}

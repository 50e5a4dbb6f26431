import type { AnswerFile } from './schema.js';
import type { Question } from '../questions/schema.js';
import { resolveFramework } from '../questions/framework.js';
import { STAGE_IDS } from '../questions/stages.js';
import type { SessionRecord, StageRecord, Exchange } from '../session/types.js';

/**
 * An answer file as a finished session, so grading, transcripts and history treat it like a practice.
 * Time used comes from `timing` when given (and is then scored like a session's); otherwise it is unknown (0).
 * Pure: the caller passes the id, the time and any replies to unanswered clarifying questions.
 */
export function answerFileToSession(
  answer: AnswerFile,
  question: Question,
  options: { id: string; now: Date; origin: SessionRecord['origin']; framework?: Partial<Record<(typeof STAGE_IDS)[number], number>>; replies?: Exchange[] },
): SessionRecord {
  const minutes = resolveFramework(question.framework, options.framework);
  const stages: StageRecord[] = STAGE_IDS.map((id) => {
    const text = answer.answers[id] ?? '';
    const allotted = Math.round(minutes[id] * 60);
    const used = answer.timing?.[id];
    return {
      id,
      text,
      status: text.trim() === '' ? 'skipped' : 'done',
      secondsUsed: used ?? 0,
      secondsAllotted: allotted,
      overtimeSeconds: used === undefined ? 0 : Math.max(0, used - allotted),
    };
  });
  const at = options.now.toISOString();
  const asked: Exchange[] =
    options.replies ?? (answer.asked ?? []).map((x) => ({ q: x.q, a: x.a ?? '', source: 'given' as const }));
  return {
    schemaVersion: 1,
    id: options.id,
    origin: options.origin,
    status: 'finished',
    createdAt: at,
    updatedAt: at,
    ...(answer.candidate ? { candidate: answer.candidate } : {}),
    question,
    stages,
    asked,
    ...(answer.followup ? { followup: { q: answer.followup.q, answer: answer.followup.answer } } : {}),
    settings: { hardStop: false, timeScale: 1, timer: answer.timing !== undefined },
  };
}

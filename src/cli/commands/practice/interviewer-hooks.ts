import type { Context } from '../../context.js';
import { judgeSettingsFrom, type JudgeFlags } from '../../judge-options.js';
import type { Question, Rubric } from '../../../questions/schema.js';
import { rubricOrNone } from '../../../scoring/rubric.js';
import { createInterviewer, type Interviewer } from '../../../interviewer/interviewer.js';
import { DEFAULT_PERSONA, type Persona } from '../../../interviewer/persona.js';
import type { PracticeHooks } from './run-session.js';

/**
 * The interviewer for a command: the LLM one when the judge is `llm` (same model, server, key and timeout),
 * else offline. Its notes (why a model reply was replaced) go to `onNote`; a live session collects them
 * and prints them once the terminal is back.
 */
export function interviewerFor(ctx: Pick<Context, 'paths' | 'settings'>, flags: JudgeFlags, persona: Persona = DEFAULT_PERSONA, onNote?: (note: string) => void): Interviewer {
  return createInterviewer(judgeSettingsFrom(ctx, flags), persona, { cacheDir: ctx.paths.cache, onNote });
}

/** The session hooks that let the interviewer answer `?` lines and push back after the recommendation. */
export function interviewerHooks(interviewer: Interviewer, question: Question, rubrics: readonly Rubric[]): PracticeHooks {
  // Without a rubric loaded, the first follow-up is asked.
  const rubric = rubricOrNone(question, rubrics);
  return {
    interviewerName: interviewer.persona.name,
    ask: (asked, session, onText) => interviewer.answer(session.question, asked, { history: session.asked, onText }),
    pushBack: (session, onText) => interviewer.pushBack(session, rubric, { onText }),
  };
}

/** Minutes for the follow-up when the interviewer will push back on this question; undefined otherwise. */
export function followupMinutesFor(interviewer: Interviewer, question: Question, minutes: number): { followupMinutes?: number } {
  return interviewer.willPushBack(question) ? { followupMinutes: minutes } : {};
}

import type { Question } from '../questions/schema.js';
import type { StageId } from '../questions/stages.js';
import type { ScoreResult } from '../scoring/types.js';

/** One stage of an answer as it was (or is being) given. Times are ISO strings; seconds are wall-clock. */
export interface StageRecord {
  id: StageId;
  text: string;
  status: 'pending' | 'active' | 'done' | 'skipped';
  startedAt?: string;
  endedAt?: string;
  secondsUsed: number;
  secondsAllotted: number;
  overtimeSeconds: number;
}

/** A clarifying question the candidate asked and the interviewer's reply. */
export interface Exchange {
  q: string;
  a: string;
  /** Where the reply came from: a fact of the question, the standard "state an assumption" reply, or a model. */
  source: 'fact' | 'assumption' | 'llm' | 'given';
  at?: string;
}

export interface FollowUp {
  q: string;
  answer: string;
  secondsUsed?: number;
  secondsAllotted?: number;
  overtimeSeconds?: number;
  /** Practice only: where the push-back step stands ('active' while it is answered or after Ctrl-C; resumable). */
  status?: 'active' | 'done' | 'skipped';
  startedAt?: string;
  endedAt?: string;
  /** Where the question came from: the question's follow_ups, or the model. */
  source?: 'bank' | 'llm';
}

/**
 * A practice session as saved on disk (`<home>/sessions/<id>.json`), and the input to scoring,
 * transcripts and history. Answer files and mock scripts produce the same shape.
 */
export interface SessionRecord {
  schemaVersion: 1;
  id: string;
  origin: 'practice' | 'grade' | 'mock';
  status: 'in-progress' | 'finished';
  createdAt: string;
  updatedAt: string;
  candidate?: string;
  /** A snapshot of the question as it was practised, so later edits to the bank do not change history. */
  question: Question;
  stages: StageRecord[];
  asked: Exchange[];
  followup?: FollowUp;
  /**
   * Settings the session ran with (hard stop, time scale, ...), for resume and transcripts. `followupSeconds`
   * is present when the interviewer pushes back after the recommendation: the follow-up's own countdown.
   */
  settings: { hardStop: boolean; timeScale: number; timer: boolean; followupSeconds?: number };
  score?: ScoreResult;
  /** Where the markdown transcript was written, once it was. */
  transcriptPath?: string;
}

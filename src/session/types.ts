/**
 * The session record's types, inferred from its zod schema (./schema.ts), which is the one definition.
 * Type-only imports: nothing here loads zod.
 */
import type { ExchangeData, FollowUpData, SessionData, StageRecordData } from './schema.js';

/** One stage of an answer as it was (or is being) given. Times are ISO strings; seconds are wall-clock. */
export type StageRecord = StageRecordData;

/** A clarifying question the candidate asked and the interviewer's reply. */
export type Exchange = ExchangeData;

/** The interviewer's push-back after the recommendation, and the answer to it. */
export type FollowUp = FollowUpData;

/**
 * A practice session as saved on disk (`<home>/sessions/<id>.json`), and the input to scoring,
 * transcripts and history. Answer files and mock scripts produce the same shape.
 */
export type SessionRecord = SessionData;

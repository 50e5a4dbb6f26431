import type { Exchange, FollowUp, SessionRecord, StageRecord } from '../session/types.js';
import type { ScoreResult } from '../scoring/types.js';
import type { Question } from '../questions/schema.js';
import { timeTotals } from '../session/time.js';
import { upgradeCriterion } from '../scoring/evidence.js';
import { limitingCriterion } from '../scoring/overall.js';

/**
 * 2: criteria carry `quotes`, `covered`, `listed` and `missed` instead of `evidence` strings, and the score
 * names its `limiting` criterion. Version 1 files are still read (`readTranscriptJson`).
 */
export const TRANSCRIPT_SCHEMA_VERSION = 2 as const;

/**
 * The JSON transcript: the whole session with a schema version, every key always present (null when
 * absent), so scripts can rely on one shape. `pmcoach export --format json` and `grade --json` print it.
 */
export interface TranscriptJson {
  schemaVersion: typeof TRANSCRIPT_SCHEMA_VERSION;
  kind: 'pmcoach.transcript';
  id: string;
  origin: SessionRecord['origin'];
  status: SessionRecord['status'];
  createdAt: string;
  updatedAt: string;
  candidate: string | null;
  settings: SessionRecord['settings'] | null;
  question: Question;
  stages: StageRecord[];
  asked: Exchange[];
  followup: FollowUp | null;
  score: ScoreResult | null;
  /** Sums over the stages, in seconds. */
  totals: { secondsUsed: number; secondsAllotted: number; overtimeSeconds: number };
  transcriptPath: string | null;
}

/** Pure: a session as its JSON transcript. Text is kept exactly (JSON escapes control characters). */
export function toTranscriptJson(session: SessionRecord, options: { modelAnswer?: boolean } = {}): TranscriptJson {
  const t = timeTotals(session);
  const { model_answer: _modelAnswer, ...questionWithout } = session.question;
  const keep = options.modelAnswer !== false;
  return {
    schemaVersion: TRANSCRIPT_SCHEMA_VERSION,
    kind: 'pmcoach.transcript',
    id: session.id,
    origin: session.origin,
    status: session.status,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    candidate: session.candidate ?? null,
    settings: session.settings ?? null,
    // The model answer travels in the question snapshot (question.model_answer); --no-model-answer drops it.
    question: keep ? session.question : questionWithout,
    stages: session.stages,
    asked: session.asked ?? [],
    followup: session.followup ?? null,
    score: session.score ? upgradeScore(session.score) : null,
    totals: { secondsUsed: t.secondsUsed, secondsAllotted: t.secondsAllotted, overtimeSeconds: t.overtimeSeconds },
    transcriptPath: session.transcriptPath ?? null,
  };
}

/** `JSON.stringify` with two-space indent and a final newline: what a JSON transcript file holds. */
export function transcriptJsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/**
 * A score in the current shape, whenever it was written: legacy `evidence` strings mapped to quotes and
 * reference points, and the limiting criterion filled in. Pure.
 */
export function upgradeScore(score: ScoreResult): ScoreResult {
  const criteria = score.criteria.map((c) => upgradeCriterion(c));
  return { ...score, criteria, limiting: score.limiting ?? limitingCriterion(criteria) };
}

/**
 * Reads a JSON transcript of any schema version (1 or 2) as the current one, mock transcripts' sessions
 * included. Undefined when the value is not a pmcoach transcript. Pure.
 */
export function readTranscriptJson(value: unknown): TranscriptJson | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const t = value as Omit<Partial<TranscriptJson>, 'schemaVersion'> & { schemaVersion?: unknown };
  if (t.kind !== 'pmcoach.transcript' || (t.schemaVersion !== 1 && t.schemaVersion !== 2)) return undefined;
  return { ...(t as Omit<TranscriptJson, 'schemaVersion'>), schemaVersion: TRANSCRIPT_SCHEMA_VERSION, score: t.score ? upgradeScore(t.score) : null };
}

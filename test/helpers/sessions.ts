import { questionSchema, type QuestionInput } from '../../src/questions/schema.js';
import { STAGE_IDS, type StageId } from '../../src/questions/stages.js';
import type { SessionRecord, StageRecord } from '../../src/session/types.js';
import type { CriterionScore, ScoreResult } from '../../src/scoring/types.js';
import { overallScore, verdictFor } from '../../src/scoring/overall.js';

/** Builders for session records in unit tests (no disk). */
export const CRITERIA: ReadonlyArray<[id: string, title: string, weight: number]> = [
  ['clarification', 'Clarification', 15],
  ['stakeholders', 'Stakeholders', 15],
  ['metrics', 'Metrics', 20],
  ['experiments', 'Experiments', 20],
  ['decision', 'Decision', 20],
  ['communication', 'Communication', 10],
];

export function makeQuestion(input: Partial<QuestionInput> = {}) {
  return questionSchema.parse({ id: 'test-question', title: 'Test question', prompt: 'Should we do it?', company: 'Acme', ...input });
}

/** Scores in CRITERIA order; overall and verdict computed as the scoring module does. */
export function makeScore(scores: readonly number[], extra: Omit<Partial<ScoreResult>, 'criteria'> & { criteria?: Array<Partial<CriterionScore>> } = {}): ScoreResult {
  const criteria: CriterionScore[] = CRITERIA.map(([id, title, weight], i) => ({
    id,
    title,
    weight,
    score: scores[i] ?? 3,
    quotes: [],
    covered: [],
    listed: [],
    missed: [],
    rationale: `rationale for ${id}`,
    suggestion: `suggestion for ${id}`,
    flags: [],
    ...(extra.criteria?.[i] ?? {}),
  }));
  const overall = overallScore(criteria);
  const { criteria: _ignored, ...rest } = extra;
  return {
    rubricId: 'trade-off',
    criteria,
    overall,
    verdict: verdictFor(overall),
    judge: { kind: 'offline', label: 'offline estimate' },
    samples: 1,
    injectionSuspected: false,
    notes: [],
    scoredAt: '2026-01-15T10:00:00.000Z',
    ...rest,
  };
}

/** Five finished stages with these texts; each took `used` seconds of `allotted`, plus any overtime. */
export function makeStages(
  texts: readonly string[] = STAGE_IDS.map((s) => `answer for ${s}`),
  o: { used?: number; allotted?: number; overtime?: Partial<Record<StageId, number>> } = {},
): StageRecord[] {
  return STAGE_IDS.map((id, i) => {
    const over = o.overtime?.[id] ?? 0;
    return { id, text: texts[i] ?? '', status: 'done', secondsUsed: (o.used ?? 120) + over, secondsAllotted: o.allotted ?? 180, overtimeSeconds: over };
  });
}

let n = 0;
export function makeSession(over: Partial<SessionRecord> & { questionInput?: Partial<QuestionInput> } = {}): SessionRecord {
  const { questionInput, ...rest } = over;
  n += 1;
  return {
    schemaVersion: 1,
    id: `20260115-090000-t${String(n).padStart(3, '0')}-test-question`,
    origin: 'practice',
    status: 'finished',
    createdAt: '2026-01-15T09:00:00.000Z',
    updatedAt: '2026-01-15T09:20:00.000Z',
    question: makeQuestion(questionInput),
    stages: makeStages(),
    asked: [],
    settings: { hardStop: false, timeScale: 1, timer: true },
    ...rest,
  };
}

/** The framework's stages, in order. Their ids are a contract that users' files rely on. */
export const STAGE_IDS = ['clarifying', 'stakeholders', 'metrics', 'experiments', 'recommendation'] as const;
export type StageId = (typeof STAGE_IDS)[number];

export const STAGE_TITLES: Record<StageId, string> = {
  clarifying: 'Clarifying questions',
  stakeholders: 'Stakeholders',
  metrics: 'Metrics',
  experiments: 'Experiments',
  recommendation: 'Recommendation',
};

/** Minutes per stage when neither the question nor the user says otherwise. */
export const DEFAULT_FRAMEWORK: Record<StageId, number> = {
  clarifying: 3,
  stakeholders: 3,
  metrics: 4,
  experiments: 4,
  recommendation: 3,
};

export function isStageId(value: string): value is StageId {
  return (STAGE_IDS as readonly string[]).includes(value);
}

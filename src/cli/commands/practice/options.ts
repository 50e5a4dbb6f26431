import { STAGE_IDS, isStageId, type StageId } from '../../../questions/stages.js';
import { usageError } from '../../../errors.js';

/** The longest a stage may be given, in minutes (the question schema's limit too). */
export const MAX_STAGE_MINUTES = 120;

/** The interviewer's push-back after the recommendation gets its own countdown: this long unless --minutes says. */
export const DEFAULT_FOLLOWUP_MINUTES = 2;

/** What --minutes may name: the stages, and `followup` for the push-back. */
export type TimedStep = StageId | 'followup';

/**
 * `--minutes clarifying=5,metrics=6,followup=3` as minutes per stage (and for the follow-up). Every problem
 * is a usage error (exit 2) that names the ids.
 */
export function parseMinutes(spec: string | undefined): Partial<Record<TimedStep, number>> {
  if (spec === undefined) return {};
  const out: Partial<Record<TimedStep, number>> = {};
  const ids = [...STAGE_IDS, 'followup'].join(', ');
  const parts = spec.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw usageError(`--minutes needs stage=minutes pairs, e.g. --minutes clarifying=5,metrics=6 (stages: ${ids})`);
  for (const part of parts) {
    const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(part);
    if (!m) throw usageError(`--minutes: "${part}" is not stage=minutes, e.g. metrics=6 (stages: ${ids})`);
    const [, stage, value] = m as unknown as [string, string, string];
    if (!isStageId(stage) && stage !== 'followup') throw usageError(`--minutes: unknown stage "${stage}"; the stages are ${ids}`);
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > MAX_STAGE_MINUTES) throw usageError(`--minutes: ${stage}=${value} must be a number of minutes above 0 and at most ${MAX_STAGE_MINUTES}`);
    if (out[stage] !== undefined) throw usageError(`--minutes: ${stage} is given twice`);
    out[stage] = n;
  }
  return out;
}

/** The stage minutes and the follow-up minutes apart. */
export function splitMinutes(minutes: Partial<Record<TimedStep, number>>): { stages: Partial<Record<StageId, number>>; followup: number } {
  const { followup, ...stages } = minutes;
  return { stages, followup: followup ?? DEFAULT_FOLLOWUP_MINUTES };
}

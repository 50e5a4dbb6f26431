import { STAGE_IDS, isStageId, type StageId } from '../../questions/stages.js';
import { usageError } from '../errors.js';

/** The longest a stage may be given, in minutes (the question schema's limit too). */
export const MAX_STAGE_MINUTES = 120;

/**
 * `--minutes clarifying=5,metrics=6` as minutes per stage. Every problem is a usage error (exit 2)
 * that names the stage ids.
 */
export function parseMinutes(spec: string | undefined): Partial<Record<StageId, number>> {
  if (spec === undefined) return {};
  const out: Partial<Record<StageId, number>> = {};
  const ids = STAGE_IDS.join(', ');
  const parts = spec.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw usageError(`--minutes needs stage=minutes pairs, e.g. --minutes clarifying=5,metrics=6 (stages: ${ids})`);
  for (const part of parts) {
    const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(part);
    if (!m) throw usageError(`--minutes: "${part}" is not stage=minutes, e.g. metrics=6 (stages: ${ids})`);
    const [, stage, value] = m as unknown as [string, string, string];
    if (!isStageId(stage)) throw usageError(`--minutes: unknown stage "${stage}"; the stages are ${ids}`);
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || n > MAX_STAGE_MINUTES) throw usageError(`--minutes: ${stage}=${value} must be a number of minutes above 0 and at most ${MAX_STAGE_MINUTES}`);
    if (out[stage] !== undefined) throw usageError(`--minutes: ${stage} is given twice`);
    out[stage] = n;
  }
  return out;
}

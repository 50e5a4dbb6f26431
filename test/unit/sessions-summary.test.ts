import { describe, expect, it } from 'vitest';
import { historyRows } from '../../src/history/rows.js';
import { questionSchema } from '../../src/questions/schema.js';
import { STAGE_IDS } from '../../src/questions/stages.js';
import type { SessionRecord, StageRecord } from '../../src/session/types.js';

const question = questionSchema.parse({ id: 'q', title: 'Q', prompt: 'P?' });
const stage = (id: StageRecord['id'], status: StageRecord['status']): StageRecord => ({ id, text: status === 'done' ? 'an answer' : '', status, secondsUsed: 0, secondsAllotted: 60, overtimeSeconds: 0 });

function session(statuses: Array<StageRecord['status']>, followup?: SessionRecord['followup']): SessionRecord {
  return {
    schemaVersion: 1,
    id: 's',
    origin: 'practice',
    status: 'in-progress',
    createdAt: '2026-11-27T10:00:00Z',
    updatedAt: '2026-11-27T10:05:00Z',
    question,
    stages: STAGE_IDS.map((id, i) => stage(id, statuses[i]!)),
    asked: [],
    ...(followup ? { followup } : {}),
    settings: { hardStop: false, timeScale: 1, timer: true },
  };
}

describe('a session in pmcoach sessions', () => {
  it('names the stage a resume continues at', () => {
    expect(historyRows([session(['done', 'done', 'active', 'pending', 'pending'])])[0]!).toMatchObject({ stage: 'metrics', stagesAnswered: 2 });
  });

  it('names the follow-up when every stage is answered and the push-back is open', () => {
    const s = session(['done', 'done', 'done', 'skipped', 'done'], { q: 'What if?', answer: 'half', status: 'active' });
    expect(historyRows([s])[0]!).toMatchObject({ stage: 'followup', stagesAnswered: 4 });
  });

  it('an empty stage is not answered', () => {
    const s = session(['done', 'done', 'active', 'pending', 'pending']);
    s.stages[1] = { ...s.stages[1]!, text: '  ' };
    expect(historyRows([s])[0]!.stagesAnswered).toBe(1);
  });

  it('names no stage once finished', () => {
    expect(historyRows([{ ...session(['done', 'done', 'done', 'done', 'done']), status: 'finished' }])[0]!.stage).toBeNull();
  });
});

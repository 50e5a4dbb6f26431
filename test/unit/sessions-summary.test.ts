import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/cli/commands/sessions.js';
import { questionSchema } from '../../src/questions/schema.js';
import { STAGE_IDS } from '../../src/questions/stages.js';
import type { SessionRecord, StageRecord } from '../../src/session/types.js';

const question = questionSchema.parse({ id: 'q', title: 'Q', prompt: 'P?' });
const stage = (id: StageRecord['id'], status: StageRecord['status']): StageRecord => ({ id, text: '', status, secondsUsed: 0, secondsAllotted: 60, overtimeSeconds: 0 });

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
    expect(summarize(session(['done', 'done', 'active', 'pending', 'pending']), 'p')).toMatchObject({ stage: 'metrics', stagesAnswered: 2 });
  });

  it('names the follow-up when every stage is answered and the push-back is open', () => {
    const s = session(['done', 'done', 'done', 'skipped', 'done'], { q: 'What if?', answer: 'half', status: 'active' });
    expect(summarize(s, 'p')).toMatchObject({ stage: 'followup', stagesAnswered: 4 });
  });

  it('names no stage once finished', () => {
    expect(summarize({ ...session(['done', 'done', 'done', 'done', 'done']), status: 'finished' }, 'p').stage).toBeNull();
  });
});

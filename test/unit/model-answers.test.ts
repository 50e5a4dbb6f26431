import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank, type Bank } from '../../src/questions/load.js';
import { STAGE_IDS } from '../../src/questions/stages.js';
import { answerFileSchema } from '../../src/answers/schema.js';
import { answerFileToSession } from '../../src/answers/to-session.js';
import { scoreInputFromSession } from '../../src/session/score-input.js';
import { rubricFor } from '../../src/scoring/rubric.js';
import { scoreOffline } from '../../src/scoring/offline/judge.js';
import { VERDICTS } from '../../src/scoring/types.js';

let bank: Bank;
beforeAll(async () => {
  bank = await loadBank({});
});

describe('the bundled bank', () => {
  it('holds 60+ questions across 30+ companies and the ten domains, each complete', () => {
    expect(bank.problems).toEqual([]);
    expect(bank.questions.length).toBeGreaterThanOrEqual(60);
    expect(new Set(bank.questions.map((q) => q.company)).size).toBeGreaterThanOrEqual(30);
    expect(new Set(bank.questions.map((q) => q.tags.at(-1)))).toEqual(
      new Set(['e-commerce', 'social-feeds', 'marketplaces', 'ride-hailing', 'saas', 'payments', 'streaming', 'maps', 'messaging', 'hardware']),
    );
    for (const q of bank.questions) {
      expect(q.facts.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.follow_ups.length, q.id).toBeGreaterThanOrEqual(2);
      for (const s of STAGE_IDS) expect(q.reference[s]?.length ?? 0, `${q.id} ${s}`).toBeGreaterThan(0);
      expect(q.model_answer, q.id).toBeDefined();
    }
  });

  it('every model answer, graded as an answer file by the offline judge, scores hire or better', () => {
    const below: string[] = [];
    for (const q of bank.questions) {
      const file = answerFileSchema.parse({ question: q.id, answers: q.model_answer });
      const session = answerFileToSession(file, q, { id: `model-${q.id}`, now: new Date(0), origin: 'grade' });
      const result = scoreOffline(scoreInputFromSession(session, rubricFor(q, bank.rubrics)), new Date(0));
      if (VERDICTS.indexOf(result.verdict) < VERDICTS.indexOf('hire')) below.push(`${q.id}: ${result.overall} ${result.verdict}`);
    }
    expect(below).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank } from '../../src/questions/load.js';
import type { Bank } from '../../src/questions/load.js';
import { criterionStages, rubricFor } from '../../src/scoring/rubric.js';
import { scoreInputFromSession } from '../../src/session/score-input.js';
import { sessionFrom } from '../helpers/scoring-session.js';

let bank: Bank;
beforeAll(async () => {
  bank = await loadBank({});
});

describe('the trade-off rubric', () => {
  it('loads from questions/rubrics with the six weighted criteria and anchored levels', () => {
    const r = bank.rubrics.find((x) => x.id === 'trade-off')!;
    expect(r.criteria.map((c) => [c.id, c.weight])).toEqual([
      ['clarification', 15],
      ['stakeholders', 15],
      ['metrics', 20],
      ['experiments', 20],
      ['decision', 20],
      ['communication', 10],
    ]);
    for (const c of r.criteria) expect(Object.keys(c.levels)).toEqual(['1', '3', '5']);
    expect(r.guidance).toMatch(/length is not a criterion/i);
    expect(r.guidance).toMatch(/padding/i);
    expect(bank.problems.filter((p) => p.file.includes('rubrics'))).toEqual([]);
  });
});

describe('rubricFor', () => {
  const inline = { id: 'mini', title: 'Mini', criteria: [{ id: 'clarity', title: 'Clarity', weight: 1, levels: { 1: 'a', 3: 'b', 5: 'c' } }] };

  it('uses an inline rubric, a named one, or the default trade-off rubric', () => {
    const q = bank.questions[0]!;
    expect(rubricFor({ ...q, rubric: inline }, bank.rubrics).id).toBe('mini');
    expect(rubricFor({ ...q, rubric: 'mini' }, [...bank.rubrics, inline]).id).toBe('mini');
    expect(rubricFor({ ...q, rubric: undefined }, bank.rubrics).id).toBe('trade-off');
  });

  it('says what to do when a named rubric is not loaded', () => {
    const q = bank.questions[0]!;
    expect(() => rubricFor({ ...q, rubric: 'nope' }, bank.rubrics)).toThrow(`question "${q.id}" names rubric "nope", which is not loaded (known: trade-off); add it under a rubrics/ folder or fix the question`);
    expect(() => rubricFor({ ...q, rubric: undefined }, [])).toThrow(/default rubric "trade-off" is not loaded/);
  });
});

describe('scoreInputFromSession', () => {
  it('takes every stage with its times, the questions asked and the follow-up', () => {
    const q = bank.questions[0]!;
    const s = { ...sessionFrom(q, { metrics: 'DAU' }, { overtime: { metrics: 30 } }), asked: [{ q: 'Which market?', a: 'US', source: 'fact' as const }], followup: { q: 'What if?', answer: 'Then this.' } };
    const input = scoreInputFromSession(s, rubricFor(q, bank.rubrics));
    expect(input.answers.map((a) => a.id)).toEqual(['clarifying', 'stakeholders', 'metrics', 'experiments', 'recommendation']);
    expect(input.answers[2]).toEqual({ id: 'metrics', text: 'DAU', secondsUsed: 150, secondsAllotted: 120, overtimeSeconds: 30 });
    expect(input.asked).toEqual([{ q: 'Which market?', a: 'US' }]);
    expect(input.followup).toEqual({ q: 'What if?', answer: 'Then this.' });
  });
});

describe('criterionStages: the one definition of what a criterion reads', () => {
  it.each<[{ id: string; stages?: Array<'metrics' | 'experiments'> }, string[]]>([
    [{ id: 'metrics', stages: ['metrics', 'experiments'] }, ['metrics', 'experiments']],
    [{ id: 'metrics' }, ['metrics']],
    [{ id: 'clarification' }, ['clarifying']],
    [{ id: 'decision' }, ['recommendation']],
    [{ id: 'communication' }, []],
  ])('%j reads %j', (criterion, stages) => {
    expect(criterionStages(criterion)).toEqual(stages);
  });
});

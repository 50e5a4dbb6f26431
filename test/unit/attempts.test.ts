import { describe, expect, it } from 'vitest';
import { attemptsAt, changeMark, compareAttempt, questionRecords } from '../../src/history/attempts.js';
import { makeScore, makeSession } from '../helpers/sessions.js';
import { renderCard } from '../../src/cli/result-card.js';
import { createPainter } from '../../src/cli/paint.js';

const at = (day: number, scores: number[], id = 'test-question') =>
  makeSession({ id: `2026011${day}-090000-ab1${day}-${id}`, createdAt: `2026-01-1${day}T09:00:00.000Z`, questionInput: { id }, score: makeScore(scores) });

describe('retry comparison', () => {
  const history = [at(1, [2, 2, 2, 2, 2, 2]), at(2, [4, 4, 4, 4, 4, 4]), at(3, [3, 3, 3, 3, 3, 3]), at(4, [5, 5, 5, 5, 5, 5], 'other')];

  it('compares with the previous attempt and the best one, per criterion and overall', () => {
    const current = makeScore([4, 3, 2, 5, 3, 3]);
    const c = compareAttempt(current, attemptsAt(history, 'test-question'));
    expect(c.previous).toEqual({ overall: 50, date: '2026-01-13T09:00:00.000Z' });
    expect(c.best).toEqual({ overall: 75, date: '2026-01-12T09:00:00.000Z' });
    expect(c.criteria.slice(0, 3).map((x) => [x.id, x.vsPrevious, x.vsBest])).toEqual([
      ['clarification', 1, 0],
      ['stakeholders', 0, -1],
      ['metrics', -1, -2],
    ]);
    expect(c.overall.vsBest).toBe(current.overall - 75);
  });

  it('a first attempt has nothing to compare with', () => {
    const c = compareAttempt(makeScore([3, 3, 3, 3, 3, 3]), []);
    expect(c.previous).toBeUndefined();
    expect(c.criteria.every((x) => x.vsPrevious === undefined && x.vsBest === undefined)).toBe(true);
  });

  it('leaves out the attempt being compared, and other questions', () => {
    expect(attemptsAt(history, 'test-question', history[2]!.id).map((s) => s.score.overall)).toEqual([25, 75]);
  });

  it('marks changes with arrows', () => {
    expect([changeMark(1), changeMark(-1), changeMark(0), changeMark(undefined)]).toEqual(['▲ +1', '▼ -1', '= 0', '']);
  });

  it('keeps per question the attempts, the best and the last overall', () => {
    expect(questionRecords(history).get('test-question')).toEqual({ attempts: 3, best: 75, last: 50, lastDate: '2026-01-13T09:00:00.000Z' });
    expect(questionRecords(history).get('other')?.attempts).toBe(1);
  });
});

describe('the result card after a retry', () => {
  it('says how the attempt compares with the last one and marks each criterion that moved', () => {
    const history = [at(1, [2, 2, 2, 2, 2, 2]), at(2, [4, 4, 4, 4, 4, 4])];
    const score = makeScore([3, 4, 5, 4, 4, 4]);
    const lines = renderCard({ score, title: 'Test question', compare: compareAttempt(score, attemptsAt(history, 'test-question')) }, createPainter(false), 80);
    expect(lines[1]).toBe(`Last time 75 on 2026-01-12 (${changeMark(score.overall - 75)}) · Test question`);
    expect(lines.find((l) => l.includes('Clarification'))).toContain('▼ -1');
    expect(lines.find((l) => l.includes('Metrics'))).toContain('▲ +1');
    expect(lines.find((l) => l.includes('Stakeholders'))).toContain('= 0');
    expect(lines.length).toBe(renderCard({ score, title: 'Test question' }, createPainter(false), 80).length);
  });
});

import { describe, expect, it } from 'vitest';
import { historyRows, shortId } from '../../src/history/rows.js';
import { computeStats } from '../../src/history/stats.js';
import { computeStreak, previousDay } from '../../src/history/streak.js';
import { retrySuggestions } from '../../src/history/retry.js';
import { sparkline, trend, trendLabel } from '../../src/history/spark.js';
import { pickFocus } from '../../src/history/focus.js';
import { sessionProblem } from '../../src/history/check.js';
import type { Rubric } from '../../src/questions/schema.js';
import type { SessionRecord } from '../../src/session/types.js';
import { makeQuestion, makeScore, makeSession } from '../helpers/sessions.js';

/** A small seeded generator (mulberry32) so picks are repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const at = (day: string, time = '10:00:00'): string => `${day}T${time}.000Z`;
/** A finished, scored session on a day; scores in the order clarification, stakeholders, metrics, experiments, decision, communication. */
const scoredOn = (day: string, scores: number[], questionId = 'q-one', extra: Partial<SessionRecord> = {}): SessionRecord =>
  makeSession({ createdAt: at(day), questionInput: { id: questionId, title: `Title of ${questionId}` }, score: makeScore(scores), ...extra });

describe('history rows', () => {
  it('lists newest first with overall, verdict and judge, and nulls where there is no score', () => {
    const old = scoredOn('2026-11-01', [3, 3, 3, 3, 3, 3]);
    const draft = makeSession({ createdAt: at('2026-11-03'), status: 'in-progress' });
    const unscored = makeSession({ createdAt: at('2026-11-02') });
    const rows = historyRows([old, draft, unscored]);
    expect(rows.map((r) => r.id)).toEqual([draft.id, unscored.id, old.id]);
    expect(rows[2]).toMatchObject({ overall: 50, verdict: 'lean hire', judge: 'offline estimate', questionId: 'q-one' });
    expect(rows[0]).toMatchObject({ status: 'in-progress', overall: null, verdict: null, judge: null });
  });

  it('shortens ids of the usual form only', () => {
    expect(shortId('20261127-231405-ab12-amazon-personalization-privacy')).toBe('20261127-231405-ab12');
    expect(shortId('my-own-id')).toBe('my-own-id');
  });
});

describe('charts and trends', () => {
  it.each([
    [[1, 2, 3, 4, 5], 1, 5, '▁▃▅▆█'],
    [[5, null, 1], 1, 5, '█ ▁'],
    [[0, 50, 100], 0, 100, '▁▅█'],
  ])('sparkline(%j, %i, %i) = %s', (values, lo, hi, want) => {
    expect(sparkline(values, lo, hi)).toBe(want);
  });

  it.each([
    [[1, 2, 3, 4], 3],
    [[4, 3, 2, 1], -3],
    [[3, 3, 3], 0],
    [[2, null, 4], 2],
    [[5], 0],
  ])('trend(%j) = %d', (values, want) => {
    expect(trend(values)).toBeCloseTo(want);
  });

  it('labels small changes as flat', () => {
    expect([trendLabel(0.8, 0.25), trendLabel(-1.24, 0.25), trendLabel(0.1, 0.25)]).toEqual(['↑ +0.8', '↓ -1.2', '→ 0']);
  });
});

describe('streak', () => {
  const today = new Date(at('2026-11-22', '18:00:00'));
  it.each([
    [['2026-11-20', '2026-11-21', '2026-11-22'], 3, true],
    [['2026-11-20', '2026-11-21'], 2, false],
    [['2026-11-19', '2026-11-20'], 0, false],
    [['2026-11-22', '2026-11-20'], 1, true],
    [[], 0, false],
  ])('days %j -> current %i', (days, current, practisedToday) => {
    const s = computeStreak(days, today, 'UTC');
    expect(s.current).toBe(current);
    expect(s.practisedToday).toBe(practisedToday);
  });

  it('finds the longest run and crosses month ends', () => {
    expect(previousDay('2026-03-01')).toBe('2026-02-28');
    expect(computeStreak(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-10'], today, 'UTC')).toMatchObject({ current: 0, longest: 3, lastDay: '2026-02-10' });
  });

  it('counts days in the given time zone and only finished sessions', () => {
    const late = makeSession({ createdAt: '2026-11-22T03:00:00.000Z' }); // 21 Nov in Los Angeles
    const draft = makeSession({ createdAt: at('2026-11-22'), status: 'in-progress' });
    const la = computeStats([late, draft], { today, timeZone: 'America/Los_Angeles' }).streak;
    expect(la).toMatchObject({ current: 1, practisedToday: false, lastDay: '2026-11-21' });
    const utc = computeStats([late, draft], { today, timeZone: 'UTC' }).streak;
    expect(utc).toMatchObject({ current: 1, practisedToday: true, lastDay: '2026-11-22' });
  });
});

describe('stats', () => {
  const sessions = [
    scoredOn('2026-11-18', [2, 4, 1, 3, 3, 3]),
    scoredOn('2026-11-19', [2, 4, 2, 3, 3, 3]),
    scoredOn('2026-11-20', [3, 4, 3, 3, 3, 3]),
    scoredOn('2026-11-21', [3, 4, 4, 3, 3, 3]),
    makeSession({ createdAt: at('2026-11-22'), status: 'in-progress' }),
  ];
  const today = new Date(at('2026-11-22', '12:00:00'));

  it('averages each criterion over the window, with a trend and a sparkline, oldest first', () => {
    const s = computeStats(sessions, { today, timeZone: 'UTC' });
    const metrics = s.criteria.find((c) => c.id === 'metrics')!;
    expect(metrics).toMatchObject({ average: 2.5, count: 4, latest: 4, trend: 3, series: [1, 2, 3, 4], spark: '▁▃▅▆' });
    expect(s.criteria.find((c) => c.id === 'stakeholders')).toMatchObject({ average: 4, trend: 0 });
    expect(s.sessions).toEqual({ total: 5, finished: 4, scored: 4, window: 4 });
    expect(s.overall!.series).toEqual(sessions.slice(0, 4).map((x) => x.score!.overall));
    expect(s.overall!.trend).toBeGreaterThan(0);
  });

  it('names the weakest criterion (lowest average, then the one trending down)', () => {
    expect(computeStats(sessions, { today, timeZone: 'UTC' }).weakest).toMatchObject({ id: 'clarification', average: 2.5 });
  });

  it('covers only the last N scored sessions', () => {
    const s = computeStats(sessions, { today, timeZone: 'UTC', last: 2 });
    expect(s.sessions.window).toBe(2);
    expect(s.criteria.find((c) => c.id === 'metrics')).toMatchObject({ average: 3.5, series: [3, 4] });
    expect(s.weakest).toMatchObject({ id: 'clarification', average: 3 });
  });

  it('leaves a gap for a criterion a session was not scored on', () => {
    const partial = makeSession({ createdAt: at('2026-11-22'), score: { ...makeScore([5, 5, 5, 5, 5, 5]), criteria: makeScore([5, 5, 5, 5, 5, 5]).criteria.filter((c) => c.id !== 'metrics') } });
    const s = computeStats([...sessions, partial], { today, timeZone: 'UTC' });
    expect(s.criteria.find((c) => c.id === 'metrics')!.series).toEqual([1, 2, 3, 4, null]);
  });

  it('has no overall and no weakest without scored sessions', () => {
    const s = computeStats([makeSession({ createdAt: at('2026-11-22') })], { today, timeZone: 'UTC' });
    expect(s.overall).toBeNull();
    expect(s.weakest).toBeNull();
    expect(s.streak.current).toBe(1);
  });
});

describe('retry suggestions', () => {
  const today = new Date(at('2026-11-22', '12:00:00'));
  const opts = { today, timeZone: 'UTC' };

  it('suggests questions whose latest score was low or had weak criteria, lowest first', () => {
    const got = retrySuggestions(
      [
        scoredOn('2026-11-01', [2, 2, 2, 2, 2, 2], 'low'),
        scoredOn('2026-11-02', [4, 4, 1, 4, 4, 4], 'weak-metrics'),
        scoredOn('2026-11-03', [4, 4, 4, 4, 4, 4], 'fine'),
      ],
      opts,
    );
    expect(got.map((r) => r.questionId)).toEqual(['low', 'weak-metrics']);
    expect(got[1]!.weak).toEqual([{ id: 'metrics', title: 'Metrics', score: 1 }]);
    expect(got[1]!.reason).toBe('weak: Metrics (1)');
  });

  it('drops a question once a retry scored well', () => {
    const got = retrySuggestions([scoredOn('2026-11-01', [1, 1, 1, 1, 1, 1], 'q'), scoredOn('2026-11-05', [4, 4, 4, 4, 4, 4], 'q')], opts);
    expect(got).toEqual([]);
  });

  it('leaves alone a question retried in the last few days, but not one only tried once', () => {
    const retried = [scoredOn('2026-11-01', [1, 1, 1, 1, 1, 1], 'retried'), scoredOn('2026-11-21', [2, 2, 2, 2, 2, 2], 'retried')];
    const once = scoredOn('2026-11-22', [2, 2, 2, 2, 2, 2], 'once');
    expect(retrySuggestions([...retried, once], opts).map((r) => r.questionId)).toEqual(['once']);
    const later = { today: new Date(at('2026-11-25')), timeZone: 'UTC' };
    expect(retrySuggestions([...retried, once], later).map((r) => r.questionId)).toEqual(['retried', 'once']);
  });
});

describe('pickFocus (practice --focus weak)', () => {
  const metricsHeavy = makeQuestion({
    id: 'metrics-heavy',
    framework: { metrics: 8 },
    reference: { metrics: ['a', 'b', 'c', 'd', 'e', 'f'] },
  });
  const stakeholdersHeavy = makeQuestion({ id: 'stakeholders-heavy', framework: { stakeholders: 8 }, reference: { stakeholders: ['a', 'b', 'c', 'd', 'e'] } });
  const plain = makeQuestion({ id: 'plain' });
  const questions = [plain, stakeholdersHeavy, metricsHeavy];
  // Weak on metrics (and a little on experiments), practised on a question not in the list.
  const history = [scoredOn('2026-11-20', [4, 4, 1, 3, 4, 4], 'elsewhere'), scoredOn('2026-11-21', [4, 4, 2, 3, 4, 4], 'elsewhere-2')];
  const seeds = Array.from({ length: 25 }, (_, i) => i + 1);

  it('prefers the question that works on the weakest criteria, whatever the seed', () => {
    for (const seed of seeds) {
      const pick = pickFocus(questions, history, seeded(seed))!;
      expect(pick.question.id).toBe('metrics-heavy');
      expect(pick.weak.map((w) => w.id)).toEqual(['metrics', 'experiments']);
      expect(pick.reason).toContain('Metrics (1.5)');
    }
  });

  it("uses the rubric's stages when rubrics are given", () => {
    // A rubric in which "metrics" reads the stakeholders stage: the stakeholder-heavy question fits best.
    const rubric: Rubric = {
      id: 'trade-off',
      title: 'Odd rubric',
      criteria: [
        { id: 'metrics', title: 'Metrics', weight: 1, stages: ['stakeholders'], levels: { 1: 'a', 3: 'b', 5: 'c' } },
        { id: 'experiments', title: 'Experiments', weight: 1, stages: ['stakeholders'], levels: { 1: 'a', 3: 'b', 5: 'c' } },
      ],
    };
    for (const seed of seeds) expect(pickFocus(questions, history, seeded(seed), { rubrics: [rubric] })!.question.id).toBe('stakeholders-heavy');
  });

  it('prefers a question scored low before when the questions fit equally', () => {
    const a = makeQuestion({ id: 'a' });
    const b = makeQuestion({ id: 'b' });
    const c = makeQuestion({ id: 'c' });
    const past = [scoredOn('2026-11-10', [1, 1, 1, 1, 1, 2], 'b'), scoredOn('2026-11-11', [4, 4, 3, 4, 4, 4], 'a'), scoredOn('2026-11-12', [4, 4, 3, 4, 4, 4], 'other')];
    for (const seed of seeds) {
      const pick = pickFocus([a, b, c], past, seeded(seed))!;
      expect(pick.question.id).toBe('b');
      expect(pick.reason).toContain('you scored');
    }
  });

  it('does not repeat the question just practised', () => {
    const a = makeQuestion({ id: 'a' });
    const b = makeQuestion({ id: 'b' });
    const past = [scoredOn('2026-11-10', [2, 2, 2, 2, 2, 2], 'b'), scoredOn('2026-11-12', [1, 1, 1, 1, 1, 1], 'a')];
    for (const seed of seeds) expect(pickFocus([a, b], past, seeded(seed))!.question.id).toBe('b');
  });

  it('without scored sessions, draws among questions never practised, repeatably for a seed', () => {
    const practised = [makeSession({ questionInput: { id: 'plain' } })];
    const picks = seeds.map((seed) => pickFocus(questions, practised, seeded(seed))!.question.id);
    expect(new Set(picks)).toEqual(new Set(['stakeholders-heavy', 'metrics-heavy']));
    expect(seeds.map((seed) => pickFocus(questions, practised, seeded(seed))!.question.id)).toEqual(picks);
  });

  it('returns undefined for an empty bank', () => {
    expect(pickFocus([], history, seeded(1))).toBeUndefined();
  });
});

describe('session check (hand-edited files)', () => {
  it.each([
    ['a good session', (s: Record<string, unknown>) => s, undefined],
    ['text that is a number', (s: Record<string, unknown>) => ({ ...s, stages: [{ ...(s.stages as object[])[0], text: 42 }] }), 'stages.0.text'],
    ['an overall that is a word', (s: Record<string, unknown>) => ({ ...s, score: { ...(s.score as object), overall: 'high' } }), 'score.overall'],
    ['a bad date', (s: Record<string, unknown>) => ({ ...s, createdAt: 'yesterday' }), 'createdAt'],
  ])('%s', (_name, edit, problemAt) => {
    const s = edit(scoredOn('2026-11-20', [3, 3, 3, 3, 3, 3]) as unknown as Record<string, unknown>);
    const problem = sessionProblem(s);
    if (problemAt === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(new RegExp(`^${problemAt.replace(/\./g, '\\.')}:`));
  });
});

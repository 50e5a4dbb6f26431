import { describe, expect, it } from 'vitest';
import { exactAgreement, meanAbsoluteError, meanDifference, pearson, quadraticKappa, ranks, spearman, withinOne } from '../../src/calibrate/stats.js';
import { calibrate, calibrationMarkdown } from '../../src/calibrate/report.js';

describe('agreement statistics (against values computed by hand)', () => {
  it('perfect agreement: all 1', () => {
    const a = [1, 2, 3, 4, 5];
    expect(exactAgreement(a, a)).toBe(1);
    expect(withinOne(a, a)).toBe(1);
    expect(quadraticKappa(a, a)).toBe(1);
    expect(spearman(a, a)).toBe(1);
    expect(pearson(a, a)).toBe(1);
    expect(meanDifference(a, a)).toBe(0);
    expect(meanAbsoluteError(a, a)).toBe(0);
  });

  it('a constant +1 shift: never exact, always within one, rank order kept, kappa 5/7', () => {
    const coach = [1, 2, 3, 4];
    const judge = [2, 3, 4, 5];
    expect(exactAgreement(judge, coach)).toBe(0);
    expect(withinOne(judge, coach)).toBe(1);
    expect(meanDifference(judge, coach)).toBe(1);
    expect(spearman(judge, coach)).toBe(1);
    // observed: four cells one apart, weight 1/16 each = 0.25; expected: 1/4 x (sum of (i-j)^2 = 56) / 16 = 0.875
    expect(quadraticKappa(judge, coach)).toBeCloseTo(1 - 0.25 / 0.875, 12);
  });

  it('reversed order: rho -1, kappa -1', () => {
    const coach = [1, 2, 3, 4, 5];
    const judge = [5, 4, 3, 2, 1];
    expect(spearman(judge, coach)).toBe(-1);
    expect(pearson(judge, coach)).toBeCloseTo(-1, 12);
    // observed: (16+4+0+4+16)/16 = 2.5; expected: 0.2 x 100 / 16 = 1.25
    expect(quadraticKappa(judge, coach)).toBeCloseTo(-1, 12);
    expect(exactAgreement(judge, coach)).toBe(0.2);
    expect(withinOne(judge, coach)).toBe(0.2);
  });

  it('ties share the mean rank; rho is Pearson of the ranks (1/3 here)', () => {
    expect(ranks([1, 2, 2, 3])).toEqual([1, 2.5, 2.5, 4]);
    expect(ranks([3, 1, 3, 3])).toEqual([3, 1, 3, 3]);
    // ranks 1, 2.5, 2.5, 4 and 1, 3.5, 3.5, 2: covariance 1.5, variances 4.5 and 4.5
    expect(spearman([1, 2, 2, 3], [1, 3, 3, 2])).toBeCloseTo(1 / 3, 12);
  });

  it('Pearson and MAE on scores: r = 3 / sqrt(2 x 42/9), MAE 1/3', () => {
    expect(pearson([1, 2, 3], [1, 2, 4])).toBeCloseTo(3 / Math.sqrt((2 * 42) / 9), 12);
    expect(meanAbsoluteError([1, 2, 3], [1, 2, 4])).toBeCloseTo(1 / 3, 12);
  });

  it('is undefined (null) without variance or items, and rounds a median of .5 half up for levels', () => {
    expect(pearson([3, 3, 3], [1, 2, 3])).toBeNull();
    expect(spearman([1], [1])).toBeNull();
    expect(quadraticKappa([3, 3], [3, 3])).toBeNull();
    expect(exactAgreement([], [])).toBeNull();
    expect(exactAgreement([3.5, 2.5], [4, 3])).toBe(1);
  });
});

describe('the calibration report', () => {
  const pairs = [
    { file: 'a.yaml', criteria: [{ id: 'metrics', judge: 4, reference: 4 }, { id: 'decision', judge: 5, reference: 2 }], overall: { judge: 80, reference: 50 } },
    { file: 'b.yaml', criteria: [{ id: 'metrics', judge: 2, reference: 3 }, { id: 'decision', judge: 3, reference: 3 }], overall: { judge: 40, reference: 50 } },
    { file: 'c.yaml', criteria: [{ id: 'metrics', judge: 1, reference: 1 }] },
  ];

  it('has the documented shape: n, criteria with n/exact/withinOne/qwk/spearman/bias, overall pearson/mae, worst files', () => {
    const r = calibrate(pairs, ['metrics', 'decision']);
    expect(r.n).toBe(3);
    expect(r.criteria.map((c) => [c.id, c.n])).toEqual([['metrics', 3], ['decision', 2]]);
    const metrics = r.criteria[0]!;
    expect(metrics.exact).toBeCloseTo(2 / 3, 12);
    expect(metrics.withinOne).toBe(1);
    expect(metrics.bias).toBeCloseTo(-1 / 3, 12);
    expect(Object.keys(metrics).sort()).toEqual(['bias', 'exact', 'id', 'n', 'qwk', 'spearman', 'withinOne']);
    expect(r.overall.n).toBe(2);
    expect(r.overall.mae).toBe(20);
    expect(r.overall.pearson).toBeNull(); // the coach gave 50 twice
    expect(r.overall.all.n).toBe(5);
    expect(r.worst.map((w) => [w.file, w.distance])).toEqual([['a.yaml', 3], ['b.yaml', 1]]);
    expect(r.worst[0]!.criteria).toEqual([{ id: 'decision', judge: 5, reference: 2 }]);
  });

  it('renders markdown with one row per criterion and the pooled row', () => {
    const md = calibrationMarkdown(calibrate(pairs, ['metrics', 'decision']), { judge: 'offline estimate', reference: 'the coach' });
    expect(md).toMatch(/^# Calibration$/m);
    expect(md).toMatch(/^\| metrics \| 3 \| 67% \| 100% \| [-0-9.]+ \| [-0-9.]+ \| -0\.33 \|$/m);
    expect(md).toMatch(/^\| all \| 5 \|/m);
    expect(md).toContain('- a.yaml (3 levels apart in all): decision judge 5, reference 2');
  });
});

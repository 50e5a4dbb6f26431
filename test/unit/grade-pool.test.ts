import { describe, expect, it } from 'vitest';
import { AdaptivePool } from '../../src/grade/pool.js';
import { outputNames } from '../../src/grade/output-names.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('AdaptivePool', () => {
  it('never runs more than the limit at once and keeps results in input order', async () => {
    const pool = new AdaptivePool(3);
    let active = 0;
    let peak = 0;
    const out = await pool.map([5, 1, 4, 2, 3, 0, 6], async (n) => {
      active++;
      peak = Math.max(peak, active);
      for (let i = 0; i < n; i++) await tick();
      active--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
  });

  it('halves its limit on a rate limit and grows back once the quiet period is over', async () => {
    let now = 0;
    const pool = new AdaptivePool(8, () => now);
    pool.slowDown(1000);
    expect(pool.currentLimit).toBe(4);
    pool.slowDown(1000);
    expect(pool.currentLimit).toBe(2);
    let active = 0;
    let peak = 0;
    await pool.map(Array.from({ length: 6 }, (_, i) => i), async () => {
      active++;
      peak = Math.max(peak, active);
      await tick();
      active--;
    });
    expect(peak).toBe(2);
    now = 2000;
    await pool.map([1, 2, 3], async () => tick());
    expect(pool.currentLimit).toBe(5);
  });

  it('never goes below one', () => {
    const pool = new AdaptivePool(1);
    pool.slowDown();
    expect(pool.currentLimit).toBe(1);
  });
});

describe('outputNames', () => {
  it('uses base names and makes duplicates unique', () => {
    expect(outputNames(['a/sam.yaml', 'b/sam.yaml', 'c/jo lee.json', 'sam.yml'])).toEqual(['sam', 'sam-2', 'jo-lee', 'sam-3']);
  });
});

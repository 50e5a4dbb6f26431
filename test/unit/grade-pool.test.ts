import { describe, expect, it } from 'vitest';
import { AdaptivePool } from '../../src/grade/pool.js';
import { outputNames } from '../../src/grade/output-names.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

/** A repeatable stream of numbers in [0, 1). */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

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

  it('multiplies its limit down on each rate limit and adds one back per finished task (AIMD)', async () => {
    const pool = new AdaptivePool(10);
    pool.slowDown();
    expect(pool.currentLimit).toBe(9);
    for (let i = 0; i < 6; i++) pool.slowDown();
    expect(pool.currentLimit).toBe(4); // 10 x 0.9^7 = 4.78
    await pool.map([1, 2, 3], async () => tick());
    expect(pool.currentLimit).toBe(7);
    await pool.map([1, 2, 3, 4, 5], async () => tick());
    expect(pool.currentLimit).toBe(10);
  });

  it('never goes below one', () => {
    const pool = new AdaptivePool(1);
    for (let i = 0; i < 10; i++) pool.slowDown();
    expect(pool.currentLimit).toBe(1);
  });

  it('keeps most of its slots under a steady 20% rate of 429s, where halving on each fell to one', async () => {
    const pool = new AdaptivePool(50);
    const random = seeded(7);
    let active = 0;
    const inFlight: number[] = [];
    await pool.map(Array.from({ length: 3000 }, (_, i) => i), async () => {
      active++;
      inFlight.push(active);
      // each attempt: 20% are rate limited and tried again after a wait, as the SDK does with retry-after
      while (random() < 0.2) {
        pool.slowDown();
        await tick();
      }
      await tick();
      active--;
    });
    const late = inFlight.slice(1000);
    const mean = late.reduce((a, b) => a + b, 0) / late.length;
    expect(mean).toBeGreaterThan(30);
    expect(Math.min(...late)).toBeGreaterThan(10);
  });
});

describe('outputNames', () => {
  it('uses base names and makes duplicates unique', () => {
    expect(outputNames(['a/sam.yaml', 'b/sam.yaml', 'c/jo lee.json', 'sam.yml'])).toEqual(['sam', 'sam-2', 'jo-lee', 'sam-3']);
  });
});

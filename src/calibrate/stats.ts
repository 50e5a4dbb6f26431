/**
 * Agreement statistics for calibration: two raters' scores on the same items. Pure; `null` where a statistic is
 * undefined (no variance, no items). Levels are 1..5; a judge's median of an even number of samples (x.5) is
 * rounded half up where a statistic needs whole levels (exact, within one, kappa).
 */

export const LEVELS = [1, 2, 3, 4, 5] as const;

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
export const level = (x: number): number => Math.min(5, Math.max(1, Math.floor(x + 0.5)));

/** Share of items where the two give the same level. */
export function exactAgreement(a: readonly number[], b: readonly number[]): number | null {
  if (a.length === 0) return null;
  return a.filter((x, i) => level(x) === level(b[i]!)).length / a.length;
}

/** Share of items where the two are at most one level apart. */
export function withinOne(a: readonly number[], b: readonly number[]): number | null {
  if (a.length === 0) return null;
  return a.filter((x, i) => Math.abs(level(x) - level(b[i]!)) <= 1).length / a.length;
}

/** Mean of a - b (the judge minus the coach: positive means the judge is more generous). */
export function meanDifference(a: readonly number[], b: readonly number[]): number | null {
  return a.length === 0 ? null : mean(a.map((x, i) => x - b[i]!));
}

export function meanAbsoluteError(a: readonly number[], b: readonly number[]): number | null {
  return a.length === 0 ? null : mean(a.map((x, i) => Math.abs(x - b[i]!)));
}

export function pearson(a: readonly number[], b: readonly number[]): number | null {
  if (a.length < 2) return null;
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  a.forEach((x, i) => {
    const dx = x - ma;
    const dy = b[i]! - mb;
    sab += dx * dy;
    saa += dx * dx;
    sbb += dy * dy;
  });
  return saa === 0 || sbb === 0 ? null : sab / Math.sqrt(saa * sbb);
}

/** Ranks from 1, ties sharing the mean of the ranks they span. */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((p, q) => p.x - q.x);
  const out = new Array<number>(xs.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.x === order[start]!.x) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k]!.i] = rank;
    start = end + 1;
  }
  return out;
}

/** Spearman's rho: Pearson's r of the ranks (so ties are handled). */
export function spearman(a: readonly number[], b: readonly number[]): number | null {
  return pearson(ranks(a), ranks(b));
}

/**
 * Cohen's kappa with quadratic weights over levels 1..5: 1 - sum(w * observed) / sum(w * expected), with
 * w = (i - j)^2 / 16 and the expected counts from the two raters' level counts. Null when undefined (both
 * raters give one and the same level to every item, so chance agreement is already perfect).
 */
export function quadraticKappa(a: readonly number[], b: readonly number[]): number | null {
  const n = a.length;
  if (n === 0) return null;
  const k = LEVELS.length;
  const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const ha = new Array<number>(k).fill(0);
  const hb = new Array<number>(k).fill(0);
  a.forEach((x, i) => {
    const p = level(x) - 1;
    const q = level(b[i]!) - 1;
    observed[p]![q]!++;
    ha[p]!++;
    hb[q]!++;
  });
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = (i - j) ** 2 / (k - 1) ** 2;
      num += w * observed[i]![j]!;
      den += (w * ha[i]! * hb[j]!) / n;
    }
  }
  return den === 0 ? null : 1 - num / den;
}

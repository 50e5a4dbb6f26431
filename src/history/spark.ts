/** Terminal charts and trends for stats. Pure. */
const BLOCKS = '▁▂▃▄▅▆▇█';

/** One block per value, scaled between lo and hi; a missing value is a space. */
export function sparkline(values: ReadonlyArray<number | null>, lo: number, hi: number): string {
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      const t = hi > lo ? (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo) : 0;
      return BLOCKS[Math.round(t * (BLOCKS.length - 1))]!;
    })
    .join('');
}

/**
 * The change across the window from a least-squares line through the values (missing ones are left out):
 * positive means improving. 0 with fewer than two values.
 */
export function trend(values: ReadonlyArray<number | null>): number {
  const pts = values.flatMap((v, i) => (v === null || !Number.isFinite(v) ? [] : [[i, v] as const]));
  if (pts.length < 2) return 0;
  const mx = pts.reduce((a, [x]) => a + x, 0) / pts.length;
  const my = pts.reduce((a, [, y]) => a + y, 0) / pts.length;
  let num = 0;
  let den = 0;
  for (const [x, y] of pts) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  const span = pts[pts.length - 1]![0] - pts[0]![0];
  return den === 0 ? 0 : (num / den) * span;
}

/** "↑ +0.8", "↓ -1.2" or "→ 0" (a change smaller than `flat` counts as flat). */
export function trendLabel(change: number, flat: number, digits = 1): string {
  if (Math.abs(change) < flat) return '→ 0';
  const n = change.toFixed(digits);
  return change > 0 ? `↑ +${n}` : `↓ ${n}`;
}

/** A horizontal bar of `width` cells for value in [lo, hi], with eighth-cell precision. */
export function bar(value: number, lo: number, hi: number, width: number): string {
  const t = hi > lo ? (Math.min(hi, Math.max(lo, value)) - lo) / (hi - lo) : 0;
  const eighths = Math.round(t * width * 8);
  const full = Math.floor(eighths / 8);
  const rest = eighths % 8;
  const partial = rest > 0 ? '▏▎▍▌▋▊▉'[rest - 1]! : '';
  return ('█'.repeat(full) + partial).padEnd(width, ' ');
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

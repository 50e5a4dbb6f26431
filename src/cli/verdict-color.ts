import type { Verdict } from '../scoring/types.js';
import type { Painter } from './paint.js';

/** The one colouring of a verdict: green for hire and above, yellow for lean hire, red below. */
export function verdictColor(v: Verdict | string, p: Pick<Painter, 'green' | 'yellow' | 'red'>): (s: string) => string {
  if (v === 'strong hire' || v === 'hire') return p.green;
  if (v === 'lean hire') return p.yellow;
  return p.red;
}

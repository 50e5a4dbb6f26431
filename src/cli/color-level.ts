/**
 * How much colour a run gets, decided once from the flags and the environment. Kept apart from paint.ts so
 * that deciding costs nothing at start-up: chalk loads only with the commands that print in colour.
 */
/** chalk's levels: 0 none, 1 the 16 basic colours, 2 256 colours, 3 true colour. pmcoach draws with basic colours only. */
export type ColorLevel = 0 | 1 | 2 | 3;

export interface ColorInputs {
  /** false with --no-color. */
  flag?: boolean;
  /** --json: data, never colour. */
  json?: boolean;
  /** From src/env.ts. */
  env: { noColor: boolean; forceColor?: string; term?: string };
  isTTY: boolean;
}

/**
 * The one precedence for colour: --no-color and --json, then NO_COLOR (any non-empty value), then FORCE_COLOR
 * (0 or false: none; 1-3: that level; empty or true: 1), then a terminal (not TERM=dumb). Pure.
 */
export function colorLevel(i: ColorInputs): ColorLevel {
  if (i.flag === false || i.json) return 0;
  if (i.env.noColor) return 0;
  const force = i.env.forceColor;
  if (force !== undefined) {
    const v = force.trim().toLowerCase();
    if (v === '0' || v === 'false') return 0;
    if (v === '2' || v === '3') return Number(v) as ColorLevel;
    return 1;
  }
  return i.isTTY && i.env.term !== 'dumb' ? 1 : 0;
}

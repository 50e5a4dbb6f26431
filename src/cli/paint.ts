import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Terminal styles: the six pmcoach uses, drawn by chalk (bundled into the start-up file by scripts/build.mjs).
 * Whether to colour, and how much, is decided once by `colorLevel` below and handed to chalk as its level:
 * chalk's own detection reads neither NO_COLOR nor our --no-color, so it is never used.
 */
export interface Painter {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

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

const NAMES = ['bold', 'dim', 'red', 'green', 'yellow', 'cyan'] as const;

/** A painter at a chalk level (true means 1, false 0). Nesting is chalk's: an inner style re-opens the outer one. */
export function createPainter(level: ColorLevel | boolean): Painter {
  const chalk: ChalkInstance = new Chalk({ level: level === true ? 1 : level === false ? 0 : level });
  const out = {} as Painter;
  for (const name of NAMES) out[name] = (text: string) => chalk[name](text);
  return out;
}

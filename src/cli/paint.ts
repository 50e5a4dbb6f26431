import { Chalk, type ChalkInstance } from 'chalk';
import type { ColorLevel } from './color-level.js';

export { colorLevel, type ColorLevel, type ColorInputs } from './color-level.js';

/**
 * Terminal styles: the six pmcoach uses, drawn by chalk (bundled into the start-up file by scripts/build.mjs).
 * Whether to colour, and how much, is decided once by `colorLevel` (./color-level.ts) and handed to chalk as its level:
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

const NAMES = ['bold', 'dim', 'red', 'green', 'yellow', 'cyan'] as const;

/** A painter at a chalk level (true means 1, false 0). Nesting is chalk's: an inner style re-opens the outer one. */
export function createPainter(level: ColorLevel | boolean): Painter {
  const chalk: ChalkInstance = new Chalk({ level: level === true ? 1 : level === false ? 0 : level });
  const out = {} as Painter;
  for (const name of NAMES) out[name] = (text: string) => chalk[name](text);
  return out;
}

import { createPainter, type Painter } from './paint.js';
import type { Context } from './context.js';
import { displayWidth, padEnd, truncate } from '../text/width.js';

export function colors(ctx: Pick<Context, 'colorLevel'>): Painter {
  return createPainter(ctx.colorLevel);
}

export function print(ctx: Pick<Context, 'stdout'>, text = ''): void {
  ctx.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

/** Chatter and progress go to stderr so stdout stays clean data. */
export function note(ctx: Pick<Context, 'stderr'>, text: string): void {
  ctx.stderr.write(text.endsWith('\n') ? text : text + '\n');
}

export function printJson(ctx: Pick<Context, 'stdout'>, value: unknown): void {
  ctx.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Visible width in columns: escape sequences take no room, wide characters two. */
export const visibleLength = displayWidth;

/**
 * An aligned table. The last column is cut to fit `maxWidth` when given (a terminal), never the others.
 */
export function table(headers: string[], rows: string[][], options: { maxWidth?: number; header?: (s: string) => string } = {}): string {
  const widths = headers.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const gap = '  ';
  const last = headers.length - 1;
  if (options.maxWidth) {
    const used = widths.slice(0, last).reduce((a, b) => a + b + gap.length, 0);
    widths[last] = Math.max(10, Math.min(widths[last]!, options.maxWidth - used));
  }
  const line = (cells: string[], style = (s: string) => s): string =>
    cells
      .map((c, i) => (i === last ? style(truncate(c, widths[i]!)) : style(padEnd(c, widths[i]!))))
      .join(gap)
      .trimEnd();
  return [line(headers, options.header), ...rows.map((r) => line(r))].join('\n');
}

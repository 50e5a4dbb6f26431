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

/** How a column gives way when the table is wider than the terminal. */
export interface ColumnFit {
  /** Higher is more useful: among columns that give way, the lowest priority goes first. Default 0. */
  priority?: number;
  /** May narrow down to this many columns (cells cut with "…"); Infinity never narrows. */
  min?: number;
  /** May disappear when narrowing is not enough. */
  drop?: boolean;
}

/**
 * Column widths that fit `maxWidth` (2-space gaps): first the columns that may narrow do, lowest priority
 * first (among equals the widest, a column at a time), down to their `min`; then droppable columns go, lowest priority first (the
 * rightmost among equals), and the room they leave goes back to the narrowed ones; last, whatever is still too
 * wide is cut from the lowest-priority columns. Without
 * `fits` every column may narrow to its header's width. Returns each column's width, 0 when dropped. Pure.
 */
export function fitColumns(natural: readonly number[], fits: readonly ColumnFit[], headers: readonly string[], maxWidth: number): number[] {
  const widths = [...natural];
  const alive = widths.map(() => true);
  const total = (): number => widths.reduce((a, w, i) => a + (alive[i] ? w : 0), 0) + 2 * (alive.filter(Boolean).length - 1);
  const prio = (i: number): number => fits[i]?.priority ?? 0;
  const headerMin = (i: number): number => Math.max(4, visibleLength(headers[i] ?? ''));
  const min = (i: number): number | undefined => (fits.length === 0 ? headerMin(i) : fits[i]?.min);
  const order = (): number[] => widths.map((_, i) => i).filter((i) => alive[i]).sort((a, b) => prio(a) - prio(b) || widths[b]! - widths[a]!);
  const shrink = (i: number, floor: number): void => {
    const over = total() - maxWidth;
    if (over > 0) widths[i] = Math.max(Math.min(widths[i]!, floor), widths[i]! - over);
  };
  // Among columns of one priority, the widest gives a column at a time, so they end up evenly narrowed.
  const priorities = [...new Set(widths.map((_, i) => prio(i)))].sort((a, b) => a - b);
  for (const level of priorities) {
    const group = widths.map((_, i) => i).filter((i) => prio(i) === level && Number.isFinite(min(i) ?? Infinity));
    while (total() > maxWidth) {
      const widest = group.filter((i) => widths[i]! > min(i)!).sort((a, b) => widths[b]! - widths[a]!)[0];
      if (widest === undefined) break;
      widths[widest]!--;
    }
  }
  const droppable = widths.map((_, i) => i).filter((i) => fits[i]?.drop).sort((a, b) => prio(a) - prio(b) || b - a);
  for (const i of droppable) if (total() > maxWidth && alive.filter(Boolean).length > 1) alive[i] = false;
  for (const i of order()) shrink(i, 1);
  // Room a dropped column left goes back to the columns that narrowed, most useful first.
  for (const i of order().reverse()) widths[i] = Math.min(natural[i]!, widths[i]! + Math.max(0, maxWidth - total()));
  return widths.map((w, j) => (alive[j] ? w : 0));
}

export interface TableOptions {
  /**
   * Columns that fit: a number, or by default the terminal's width when stdout is one (so every table fits
   * without each command asking); null never fits (files, tests).
   */
  maxWidth?: number | null;
  header?: (s: string) => string;
  /** Per column: how it gives way (see fitColumns). Without it every column may narrow, none is dropped. */
  columns?: readonly ColumnFit[];
}

/** An aligned table that never wraps a row in a terminal: columns narrow or drop by priority, cells are cut with "…". */
export function table(headers: string[], rows: string[][], options: TableOptions = {}): string {
  const natural = headers.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const gap = '  ';
  const maxWidth = options.maxWidth === undefined ? (process.stdout.isTTY ? process.stdout.columns : undefined) : (options.maxWidth ?? undefined);
  const widths = maxWidth ? fitColumns(natural, options.columns ?? [], headers, maxWidth) : natural;
  const shown = widths.map((w, i) => i).filter((i) => widths[i]! > 0);
  const last = shown[shown.length - 1];
  const line = (cells: string[], style = (s: string) => s): string =>
    shown
      .map((i) => {
        const c = truncate(cells[i] ?? '', widths[i]!);
        return style(i === last ? c : padEnd(c, widths[i]!));
      })
      .join(gap)
      .trimEnd();
  return [line(headers, options.header), ...rows.map((r) => line(r))].join('\n');
}

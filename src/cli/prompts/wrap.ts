import { columnsOf, displayWidth } from '../../text/width.js';

/**
 * Word wrapping and the visible window of the answer. Only the lines near the cursor are ever wrapped,
 * so drawing costs the same with 50 words or 5,000.
 */

/**
 * Where each screen row of a line starts (string offsets), wrapping at spaces so no row is wider than `width`
 * columns (a word longer than the width is cut between graphemes; wide characters take two columns).
 */
export function wrapLine(line: string, width: number): number[] {
  const w = Math.max(1, width);
  const starts = [0];
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x7e]*$/.test(line)) return wrapAscii(line, w, starts);
  const { offsets, starts: cols, width: total } = columnsOf(line);
  let rowStartCol = 0;
  let breakAt = -1; // index of the grapheme after the last space in this row
  for (let i = 0; i < offsets.length; i++) {
    const end = (i + 1 < cols.length ? cols[i + 1]! : total) - rowStartCol;
    if (end > w && offsets[i]! > starts[starts.length - 1]!) {
      // A space that overflows hangs at the end of its row, as it does in the ASCII path.
      if (line[offsets[i]!] === ' ') {
        if (i + 1 < offsets.length) {
          starts.push(offsets[i + 1]!);
          rowStartCol = cols[i + 1]!;
        }
        breakAt = -1;
        continue;
      }
      const at = breakAt > 0 && offsets[breakAt]! > starts[starts.length - 1]! ? breakAt : i;
      starts.push(offsets[at]!);
      rowStartCol = cols[at]!;
      breakAt = -1;
    }
    if (line[offsets[i]!] === ' ') breakAt = i + 1;
  }
  return starts;
}

/** The same for plain ASCII, where a character is a column. */
function wrapAscii(line: string, w: number, starts: number[]): number[] {
  let start = 0;
  while (line.length - start > w) {
    let cut = line.lastIndexOf(' ', start + w - 1);
    cut = cut >= start ? cut + 1 : start + w;
    starts.push(cut);
    start = cut;
  }
  return starts;
}

/** The row (index into `starts`) that shows column `col`. */
export function segmentOf(starts: readonly number[], col: number): number {
  let seg = 0;
  while (seg + 1 < starts.length && starts[seg + 1]! <= col) seg++;
  return seg;
}

/** The first screen row of the window: a line and one of its wrapped rows. */
export interface Anchor {
  line: number;
  seg: number;
}

export interface Window {
  /** Plain text of each visible row (at most `height`). */
  rows: string[];
  /** Cursor position inside the window. */
  cursor: { row: number; col: number };
  /** Where the window starts; pass it back next time so the view does not jump. */
  anchor: Anchor;
}

/**
 * The rows to show: the window keeps its place while the cursor stays inside it and scrolls just enough
 * when the cursor leaves it.
 */
export function windowAround(lines: readonly string[], cursor: { row: number; col: number }, width: number, height: number, prev: Anchor): Window {
  const h = Math.max(1, height);
  const cache = new Map<number, number[]>();
  const starts = (i: number): number[] => {
    let s = cache.get(i);
    if (!s) {
      s = wrapLine(lines[i]!, width);
      cache.set(i, s);
    }
    return s;
  };
  const cursorSeg = segmentOf(starts(cursor.row), cursor.col);
  let anchor: Anchor = { line: Math.min(prev.line, lines.length - 1), seg: prev.seg };
  anchor.seg = Math.min(anchor.seg, starts(anchor.line).length - 1);

  const before = (a: Anchor, b: Anchor): boolean => a.line < b.line || (a.line === b.line && a.seg < b.seg);
  const here: Anchor = { line: cursor.row, seg: cursorSeg };
  if (before(here, anchor)) anchor = here;
  else if (cursor.row - anchor.line > h) anchor = back(here, h - 1, starts);
  else {
    // Count rows from the anchor to the cursor; if the cursor is below the window, scroll down.
    let n = 0;
    let p = { ...anchor };
    while (before(p, here)) {
      n++;
      p = p.seg + 1 < starts(p.line).length ? { line: p.line, seg: p.seg + 1 } : { line: p.line + 1, seg: 0 };
    }
    if (n >= h) anchor = back(here, h - 1, starts);
  }

  let { rows, cursorRow } = fill(lines, anchor, here, h, starts);
  if (rows.length < h && (anchor.line > 0 || anchor.seg > 0)) {
    // The text ends inside the window: show more of what is above instead of empty rows.
    anchor = back(anchor, h - rows.length, starts);
    ({ rows, cursorRow } = fill(lines, anchor, here, h, starts));
  }
  const line = lines[cursor.row]!;
  return { rows, cursor: { row: cursorRow, col: displayWidth(line.slice(starts(cursor.row)[cursorSeg]!, cursor.col)) }, anchor };
}

function fill(lines: readonly string[], anchor: Anchor, here: Anchor, h: number, starts: (i: number) => number[]): { rows: string[]; cursorRow: number } {
  const rows: string[] = [];
  let cursorRow = 0;
  let p: Anchor | null = anchor;
  while (p && rows.length < h) {
    const s = starts(p.line);
    const line = lines[p.line]!;
    const from = s[p.seg]!;
    const to = p.seg + 1 < s.length ? s[p.seg + 1]! : line.length;
    if (p.line === here.line && p.seg === here.seg) cursorRow = rows.length;
    rows.push(line.slice(from, to));
    p = p.seg + 1 < s.length ? { line: p.line, seg: p.seg + 1 } : p.line + 1 < lines.length ? { line: p.line + 1, seg: 0 } : null;
  }
  return { rows, cursorRow };
}

function back(from: Anchor, n: number, starts: (i: number) => number[]): Anchor {
  let p = { ...from };
  for (let k = 0; k < n; k++) {
    if (p.seg > 0) p = { line: p.line, seg: p.seg - 1 };
    else if (p.line > 0) p = { line: p.line - 1, seg: starts(p.line - 1).length - 1 };
    else break;
  }
  return p;
}

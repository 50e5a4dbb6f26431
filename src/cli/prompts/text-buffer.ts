import { segmentOf, wrapLine } from './wrap.js';
import { displayWidth, graphemeWidth, graphemes } from '../../text/width.js';

/**
 * The answer being typed: logical lines and a cursor. Edits cost the length of one line, never the
 * whole text, so a 5,000-word answer types as fast as an empty one. No I/O.
 */
export class TextBuffer {
  lines: string[];
  row = 0;
  col = 0;

  constructor(text = '') {
    this.lines = text.split('\n');
    this.row = this.lines.length - 1;
    this.col = this.lines[this.row]!.length;
  }

  get text(): string {
    return this.lines.join('\n');
  }

  get line(): string {
    return this.lines[this.row]!;
  }

  /** True when the text is only whitespace. */
  get blank(): boolean {
    return this.lines.every((l) => l.trim() === '');
  }

  insert(text: string): void {
    if (!text) return;
    const parts = text.split('\n');
    const line = this.line;
    const before = line.slice(0, this.col);
    const after = line.slice(this.col);
    if (parts.length === 1) {
      this.lines[this.row] = before + text + after;
      this.col += text.length;
      return;
    }
    const last = parts[parts.length - 1]!;
    const middle = parts.slice(1, -1);
    this.lines.splice(this.row, 1, before + parts[0]!, ...middle, last + after);
    this.row += parts.length - 1;
    this.col = last.length;
  }

  newline(): void {
    this.insert('\n');
  }

  backspace(): void {
    if (this.col > 0) {
      const start = prevBoundary(this.line, this.col);
      this.lines[this.row] = this.line.slice(0, start) + this.line.slice(this.col);
      this.col = start;
    } else if (this.row > 0) {
      const prev = this.lines[this.row - 1]!;
      this.lines.splice(this.row - 1, 2, prev + this.line);
      this.row -= 1;
      this.col = prev.length;
    }
  }

  deleteForward(): void {
    if (this.col < this.line.length) {
      this.lines[this.row] = this.line.slice(0, this.col) + this.line.slice(nextBoundary(this.line, this.col));
    } else if (this.row < this.lines.length - 1) {
      this.lines.splice(this.row, 2, this.line + this.lines[this.row + 1]!);
    }
  }

  deleteWordBack(): void {
    if (this.col === 0) return this.backspace();
    const start = wordStartBefore(this.line, this.col);
    this.lines[this.row] = this.line.slice(0, start) + this.line.slice(this.col);
    this.col = start;
  }

  killToLineStart(): void {
    this.lines[this.row] = this.line.slice(this.col);
    this.col = 0;
  }

  killToLineEnd(): void {
    this.lines[this.row] = this.line.slice(0, this.col);
  }

  left(): void {
    if (this.col > 0) this.col = prevBoundary(this.line, this.col);
    else if (this.row > 0) {
      this.row -= 1;
      this.col = this.line.length;
    }
  }

  right(): void {
    if (this.col < this.line.length) this.col = nextBoundary(this.line, this.col);
    else if (this.row < this.lines.length - 1) {
      this.row += 1;
      this.col = 0;
    }
  }

  wordLeft(): void {
    if (this.col === 0) return this.left();
    this.col = wordStartBefore(this.line, this.col);
  }

  wordRight(): void {
    const line = this.line;
    if (this.col >= line.length) return this.right();
    let i = this.col;
    while (i < line.length && line[i] === ' ') i++;
    while (i < line.length && line[i] !== ' ') i++;
    this.col = i;
  }

  home(): void {
    this.col = 0;
  }

  end(): void {
    this.col = this.line.length;
  }

  docStart(): void {
    this.row = 0;
    this.col = 0;
  }

  docEnd(): void {
    this.row = this.lines.length - 1;
    this.col = this.line.length;
  }

  /** Moves by screen rows (wrapped at `width`), keeping the column within the row where it can. */
  vertical(delta: number, width: number): void {
    let starts = wrapLine(this.line, width);
    let seg = segmentOf(starts, this.col);
    const x = displayWidth(this.line.slice(starts[seg]!, this.col));
    for (let step = 0; step < Math.abs(delta); step++) {
      if (delta < 0) {
        if (seg > 0) seg -= 1;
        else if (this.row > 0) {
          this.row -= 1;
          starts = wrapLine(this.line, width);
          seg = starts.length - 1;
        } else {
          this.col = 0;
          return;
        }
      } else if (seg < starts.length - 1) seg += 1;
      else if (this.row < this.lines.length - 1) {
        this.row += 1;
        starts = wrapLine(this.line, width);
        seg = 0;
      } else {
        this.col = this.line.length;
        return;
      }
    }
    const segEnd = seg + 1 < starts.length ? starts[seg + 1]! : this.line.length;
    // A wrapped row ends where the next begins; stay on this row rather than jump to the next.
    const maxCol = seg + 1 < starts.length ? Math.max(starts[seg]!, prevBoundary(this.line, segEnd)) : segEnd;
    this.col = Math.min(offsetAtColumn(this.line, starts[seg]!, x), maxCol);
  }

  /** Replaces the current line (used to drop a `.` or `:skip` command line). */
  removeCurrentLine(): void {
    if (this.lines.length === 1) {
      this.lines = [''];
      this.col = 0;
      return;
    }
    this.lines.splice(this.row, 1);
    this.row = Math.min(this.row, this.lines.length - 1);
    this.col = this.line.length;
  }
}

function wordStartBefore(line: string, col: number): number {
  let i = col;
  while (i > 0 && line[i - 1] === ' ') i--;
  while (i > 0 && line[i - 1] !== ' ') i--;
  return i;
}

/** The offset where the grapheme before `col` starts (an emoji family or an accented letter is one). */
function prevBoundary(line: string, col: number): number {
  const from = Math.max(0, col - 32);
  const parts = graphemes(line.slice(from, col));
  // A cut through a grapheme at `from` only matters when the grapheme is that long; start from 0 then.
  if (from > 0 && parts.length <= 1) return col - graphemes(line.slice(0, col)).at(-1)!.length;
  return col - parts.at(-1)!.length;
}

/** The offset just after the grapheme that starts at `col`. */
function nextBoundary(line: string, col: number): number {
  return col + graphemes(line.slice(col, col + 32))[0]!.length;
}

/** The offset, from `start`, where the text reaches `x` columns (or the end of the line). */
function offsetAtColumn(line: string, start: number, x: number): number {
  let w = 0;
  let at = start;
  for (const g of graphemes(line.slice(start, start + x * 4 + 64))) {
    if (w + graphemeWidth(g) > x) break;
    w += graphemeWidth(g);
    at += g.length;
  }
  return at;
}

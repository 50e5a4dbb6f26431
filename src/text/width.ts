import { eastAsianWidth } from 'get-east-asian-width';

/**
 * Display width, measured per grapheme (what the reader sees as one character: "é" as e + accent, a family
 * emoji joined by zero-width joiners, a flag). East-Asian wide and fullwidth characters and emoji take two
 * columns, combining marks and zero-width characters none. Colour codes (SGR) take no room. Pure.
 */

/** Made on first use: creating it loads ICU's break data, which a run that only prints ASCII never needs. */
let graphemeSegmenter: Intl.Segmenter | undefined;
const segmenter = {
  segment: (text: string) => (graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text),
};
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex
const SGR_AT_START = /^\u001b\[[0-9;]*m/;
const EMOJI = /\p{Extended_Pictographic}/u;
const NARROW = /^[\x20-\x7e\u00a0-\u02ff\u0370-\u04ff\u2010-\u205e\u2190-\u21ff\u2500-\u25fc\u2713\u2717]*$/;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\u200b-\u200f\u2060\ufe00-\ufe0f]+$/u;

export function graphemes(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) out.push(segment);
  return out;
}

/** The columns one grapheme takes: 0, 1 or 2. */
export function graphemeWidth(g: string): number {
  if (g === '') return 0;
  const cp = g.codePointAt(0)!;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  if (ZERO_WIDTH.test(g)) return 0;
  // An emoji presentation (a pictograph with U+FE0F, a ZWJ sequence, a flag) is wide even when its first code point is not.
  if (g.length > 1 && (g.includes('\ufe0f') || g.includes('\u200d')) && EMOJI.test(g)) return 2;
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return 2;
  return eastAsianWidth(cp);
}

/** Visible width of a string that may hold colour codes. */
export function displayWidth(text: string): number {
  const plain = text.replace(SGR, '');
  // Fast path: text made only of characters that are always one column and never combine (ASCII, Latin,
  // Greek, Cyrillic, punctuation, arrows, box drawing and blocks, ✓ ✗) is one column a character, without
  // the grapheme segmenter (which costs milliseconds at start-up).
  if (NARROW.test(plain)) return plain.length;
  let w = 0;
  for (const { segment } of segmenter.segment(plain)) w += graphemeWidth(segment);
  return w;
}

/** Pads with spaces to `width` columns (nothing when already as wide). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Cuts to at most `width` columns, with "…" where it cut. Colour codes are kept whole (never cut through),
 * and a style still open at the cut is closed, so the rest of the line is not coloured by it.
 */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  const room = width - displayWidth(ellipsis);
  let out = '';
  let used = 0;
  let styled = false;
  let rest = text;
  while (rest !== '') {
    const code = SGR_AT_START.exec(rest);
    if (code) {
      out += code[0];
      styled = code[0] !== '\u001b[0m' && code[0] !== '\u001b[m';
      rest = rest.slice(code[0].length);
      continue;
    }
    const g = graphemes(rest.slice(0, 16))[0]!;
    const w = graphemeWidth(g);
    if (used + w > room) break;
    out += g;
    used += w;
    rest = rest.slice(g.length);
  }
  return out + (room >= 0 ? ellipsis : '') + (styled ? '\u001b[0m' : '');
}

/**
 * Column offsets where each grapheme of a plain line starts, and the line's width: the editor places its
 * cursor with these and moves by whole graphemes.
 */
export function columnsOf(line: string): { starts: number[]; offsets: number[]; width: number } {
  const starts: number[] = [];
  const offsets: number[] = [];
  let col = 0;
  let offset = 0;
  for (const { segment } of segmenter.segment(line)) {
    starts.push(col);
    offsets.push(offset);
    col += graphemeWidth(segment);
    offset += segment.length;
  }
  return { starts, offsets, width: col };
}

/**
 * Prose wrapped at spaces to `width` columns (display width, colour codes ignored), the first line after
 * `indent`, the others after `rest`. No width, or a width too narrow to help, leaves the text on one line.
 */
export function wrapProse(text: string, width: number | undefined, indent = '', rest = indent): string {
  if (!width || width - Math.max(displayWidth(indent), displayWidth(rest)) < 20) return indent + text;
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const room = (): number => width - displayWidth(lines.length === 0 ? indent : rest);
  for (const word of text.split(' ')) {
    const w = displayWidth(word);
    if (line && lineWidth + 1 + w > room()) {
      lines.push(line);
      line = word;
      lineWidth = w;
    } else {
      line = line ? `${line} ${word}` : word;
      lineWidth += (lineWidth ? 1 : 0) + w;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines.map((l, i) => (i === 0 ? indent : rest) + l).join('\n');
}

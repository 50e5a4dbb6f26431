import { stripControl } from '../text/sanitize.js';

/**
 * Markdown escaping for untrusted text (the candidate's answers, and anything a model or a hand-edited
 * file may hold). The goal: the text renders as literal text on GitHub (CommonMark + GFM) and still reads
 * well in a terminal, so only characters that can start a construct are escaped. Pure.
 *
 * Anywhere in a line: \ ` * _ [ ] < > | ~ $ (code, emphasis, links and images, HTML, tables, strikethrough,
 * math) and & when it would start an entity. At the start of a line: # + - = and "1." / "1)" (headings,
 * lists, thematic breaks, setext underlines). Leading spaces become no-break spaces, which keep the
 * indentation visible but cannot make an indented code block or a nested construct.
 */
const INLINE = /[\\`*_[\]<>|~$]/g;
const ENTITY = /&(?=#?[A-Za-z0-9]+;)/g;
const NBSP = '\u00a0';
const LIST_ITEM = /^([-*+]|\d{1,9}[.)])[ ]+(?=\S)/;

function escapeChars(text: string): string {
  return text.replace(INLINE, (c) => '\\' + c).replace(ENTITY, '\\&');
}

/** Escapes what only matters at the start of a line. `text` is already char-escaped. */
function escapeStart(text: string): string {
  if (/^[#+\-=]/.test(text)) return '\\' + text;
  return text.replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** One line of literal text: control sequences removed, whitespace (newlines too) collapsed. */
export function escapeInline(text: string): string {
  const flat = stripControl(text).replace(/\s+/g, ' ').trim();
  return escapeStart(escapeChars(flat));
}

/** A table cell: one line, pipes escaped, never empty. */
export function escapeCell(text: string, empty = '—'): string {
  const cell = escapeInline(text);
  return cell === '' ? empty : cell;
}

function escapeLine(line: string): string {
  const expanded = line.replace(/\t/g, '    ').replace(/\s+$/, '');
  const indent = /^ */.exec(expanded)![0].length;
  const body = expanded.slice(indent);
  const lead = NBSP.repeat(indent);
  // A typed list keeps its marker; the marker cannot carry a nested construct because the rest is escaped.
  const item = LIST_ITEM.exec(body);
  if (item) return lead + item[1] + ' ' + escapeStart(escapeChars(body.slice(item[0].length)));
  return lead + escapeStart(escapeChars(body));
}

/**
 * Several lines of literal text, as markdown lines: each typed line stays a line (hard break), blank lines
 * separate paragraphs (runs of them become one). Returns [] for text with nothing in it.
 */
export function escapeBlock(text: string): string[] {
  const lines = stripControl(text).split('\n').map(escapeLine);
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    const prev = out.length - 1;
    if (prev >= 0 && out[prev] !== '') out[prev] += '  ';
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Literal text as a blockquote (`> ` on every line, `>` on blank ones). */
export function quoteBlock(text: string, empty: string): string[] {
  const lines = escapeBlock(text);
  if (lines.length === 0) return [empty];
  return lines.map((l) => (l === '' ? '>' : '> ' + l));
}

import type { Painter } from '../paint.js';
import { oneLine, stripControl } from '../../text/sanitize.js';
import type { StageClock } from '../../session/engine.js';
import { windowAround, wrapLine, type Anchor } from './wrap.js';
import { displayWidth, truncate } from '../../text/width.js';
import type { LoggedExchange } from './editor-model.js';

/**
 * The stage screen as rows of text (pure), and the escape codes that turn the previous screen into the
 * next one by rewriting only the rows that changed: a countdown tick rewrites one row, a key one or two.
 */

export interface StageScreen {
  questionTitle: string;
  prompt: string;
  stageTitle: string;
  stageNumber: number;
  stageCount: number;
  /** Two or three short lines on what a strong stage covers. */
  guidance: readonly string[];
  countdown: Countdown;
  hardStop: boolean;
  /** A message under the editor (a reply from the interviewer, a warning), wrapped to at most three rows. */
  notice?: string;
  /** Replaces "stage N of M" at the top right (e.g. "follow-up"). */
  position?: string;
  /** A row under the key hints naming how to ask the interviewer (only where asking is possible). */
  askHint?: string;
  /** The questions asked in this stage and their replies: a running Q&A log under the editor. */
  log?: readonly LoggedExchange[];
  /** Who replies in the log ("Interviewer" unless a mock script names them). */
  logLabel?: string;
  /** A lasting problem (saves failing), one row in the footer. */
  warning?: string;
}

export interface Countdown {
  text: string;
  level: StageClock['level'];
}

export interface Frame {
  lines: string[];
  /** Where the terminal cursor goes (0-based row and column). */
  cursor: { row: number; col: number };
  anchor: Anchor;
  /** Rows the editor got (page up/down move by this). */
  editorRows: number;
}

const two = (n: number): string => String(n).padStart(2, '0');
export const mmss = (seconds: number): string => `${two(Math.floor(seconds / 60))}:${two(seconds % 60)}`;

/** `03:12 left` counting down (whole seconds, rounded up), `+00:07 over` in overtime. */
export function formatCountdown(clock: StageClock): Countdown {
  if (clock.level === 'untimed') return { text: 'no timer', level: 'untimed' };
  if (clock.level === 'over') return { text: `+${mmss(Math.floor(clock.overtimeMs / 1000))} over`, level: 'over' };
  return { text: `${mmss(Math.ceil(clock.remainingMs / 1000))} left`, level: clock.level };
}

export const SUBMIT_HINT = 'Ctrl-D or a line with only "." submits · ":skip" skips · Ctrl-C saves and quits';
const MARGIN = '  ';

const cut = (s: string, width: number): string => truncate(s, width);

/** Wraps prose into at most `max` rows of `width`, the last one cut with an ellipsis when it does not fit. */
export function wrapText(text: string, width: number, max: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim();
  if (!words || max <= 0) return [];
  const starts = wrapLine(words, width);
  const rows = starts.map((s, i) => words.slice(s, starts[i + 1] ?? words.length).trimEnd()).filter((r) => r !== '');
  if (rows.length <= max) return rows;
  const kept = rows.slice(0, max);
  const last = kept[max - 1]!;
  kept[max - 1] = displayWidth(last) < width ? last + '…' : cut(last, width);
  return kept;
}

/** Places `right` at the right edge of a row of `width`, cutting `left` to make room. */
function spread(left: string, right: string, width: number): [string, string] {
  const room = width - displayWidth(right) - 2;
  if (room < 4) return [cut(left, width), ''];
  const l = cut(left, room);
  return [l, ' '.repeat(width - displayWidth(l) - displayWidth(right)) + right];
}

export function renderFrame(
  screen: StageScreen,
  text: { lines: readonly string[]; row: number; col: number },
  size: { columns: number; rows: number },
  anchor: Anchor,
  c: Painter,
): Frame {
  // Text from question files reaches the terminal here: no control sequences (issue 14).
  screen = { ...screen, questionTitle: oneLine(screen.questionTitle), prompt: stripControl(screen.prompt), guidance: screen.guidance.map((g) => stripControl(g)) };
  // Keep the last column free: writing into it leaves some terminals in a pending-wrap state.
  const width = Math.max(10, size.columns - 1);
  const inner = width - MARGIN.length;
  const total = Math.max(6, size.rows);

  let promptRows = wrapText(screen.prompt, inner, 3);
  let guidance = screen.guidance.flatMap((g) => wrapText(g, inner, 3)).slice(0, 3);
  const noticeRows = screen.notice ? wrapText(screen.notice, width, 3) : [];
  const warningRows = screen.warning ? wrapText(screen.warning, width, 2) : [];
  let log = logRows(screen.log ?? [], screen.logLabel ?? 'Interviewer', width, c);
  const footer = 2 + (screen.askHint ? 1 : 0) + noticeRows.length + warningRows.length;
  const fixed = (): number => 1 + promptRows.length + 2 + guidance.length + 1 + 1 + footer + log.length;
  // Small terminals give up the guidance, then the oldest exchanges of the log, then the prompt, before the editor drops under four rows.
  while (total - fixed() < 4 && guidance.length > 0) guidance = guidance.slice(0, -1);
  while (total - fixed() < 4 && log.length > 2) log = log.slice(0, -1);
  if (total - fixed() < 4) log = [];
  while (total - fixed() < 4 && promptRows.length > 0) promptRows = promptRows.slice(0, -1);
  const editorRows = Math.max(1, total - fixed());

  const out: string[] = [];
  const [title, stageOf] = spread(`pmcoach · ${screen.questionTitle}`, screen.position ?? `stage ${screen.stageNumber} of ${screen.stageCount}`, width);
  out.push(c.bold(title) + c.dim(stageOf));
  for (const r of promptRows) out.push(MARGIN + r);
  out.push('');
  const clockText = screen.countdown.text + (screen.hardStop && screen.countdown.level !== 'untimed' ? ' (hard stop)' : '');
  const [stage, clock] = spread(`▸ ${screen.stageTitle}`, clockText, width);
  out.push(c.bold(c.cyan(stage)) + paintClock(c, clock, screen.countdown.level));
  for (const g of guidance) out.push(MARGIN + c.dim(g));
  out.push(c.dim('─'.repeat(width)));

  const top = out.length;
  const win = windowAround(text.lines, { row: text.row, col: text.col }, inner, editorRows, anchor);
  const empty = text.lines.length === 1 && text.lines[0] === '';
  for (let i = 0; i < editorRows; i++) {
    if (empty && i === 0) out.push(MARGIN + c.dim('Type your answer. Enter starts a new line.'));
    else out.push(i < win.rows.length ? MARGIN + win.rows[i]! : '');
  }
  out.push(c.dim('─'.repeat(width)));
  out.push(...log);
  out.push(c.dim(cut(SUBMIT_HINT, width)));
  if (screen.askHint) out.push(c.cyan(cut(screen.askHint, width)));
  for (const row of warningRows) out.push(c.bold(c.red(row)));
  for (const row of noticeRows) out.push(c.yellow(row));
  while (out.length < total) out.push('');

  return { lines: out.slice(0, total), cursor: { row: top + win.cursor.row, col: MARGIN.length + win.cursor.col }, anchor: win.anchor, editorRows };
}

/**
 * The Q&A log: a heading, then each question and its reply (at most two rows each), newest first, so
 * that when rows run short the oldest go (the caller drops from the end, keeping the heading).
 */
function logRows(log: readonly LoggedExchange[], label: string, width: number, c: Painter): string[] {
  if (log.length === 0) return [];
  const rows: string[] = [c.dim(`Asked ${label === 'Interviewer' ? 'the interviewer' : label} (newest first):`)];
  for (const e of [...log].reverse()) {
    const reply = e.failed ? `${label} could not answer${e.a ? ` (${e.a})` : ''}.` : e.a ? `${label}: ${e.a}` : `${label}: …`;
    rows.push(c.cyan(cut(`? ${e.q}`, width)));
    for (const r of wrapText(reply, width - 2, 2)) rows.push(MARGIN + r);
  }
  return rows;
}

function paintClock(c: Painter, text: string, level: Countdown['level']): string {
  if (level === 'over') return c.bold(c.red(text));
  if (level === 'low') return c.bold(c.yellow(text));
  if (level === 'untimed') return c.dim(text);
  return c.green(text);
}

const ESC = '\x1b[';

/**
 * Escape codes that turn `prev` into `next`: only changed rows are rewritten (cursor hidden meanwhile),
 * then the cursor goes back where the candidate types. With no previous frame, the screen is cleared first.
 */
export function diffFrame(prev: readonly string[] | null, next: Frame): string {
  let out = `${ESC}?25l`;
  if (!prev) out += `${ESC}H${ESC}2J`;
  for (let i = 0; i < next.lines.length; i++) {
    if (prev && prev[i] === next.lines[i]) continue;
    out += `${ESC}${i + 1};1H${next.lines[i]}${ESC}K`;
  }
  if (prev && prev.length > next.lines.length) out += `${ESC}${next.lines.length + 1};1H${ESC}J`;
  return out + `${ESC}${next.cursor.row + 1};${next.cursor.col + 1}H${ESC}?25h`;
}

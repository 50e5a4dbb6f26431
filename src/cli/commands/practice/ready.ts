import type { Question } from '../../../questions/schema.js';
import type { StageId } from '../../../questions/stages.js';
import { STAGE_IDS, STAGE_TITLES } from '../../../questions/stages.js';
import type { Painter } from '../../paint.js';
import { oneLine, stripControl } from '../../../text/sanitize.js';
import { wrapText } from '../../prompts/frame.js';
import { truncate } from '../../../text/width.js';

export interface ReadyInput {
  question: Question;
  /** Seconds per stage after --minutes and --time-scale. */
  seconds: Record<StageId, number>;
  /** The follow-up's seconds, when the interviewer pushes back. */
  followupSeconds?: number;
  timer: boolean;
  hardStop: boolean;
  /** Why this question (--focus weak). */
  reason?: string;
  /** The last score at this question, when it was practised before. */
  before?: string;
}

const minutes = (s: number): string => {
  const m = s / 60;
  return Number.isInteger(m) ? `${m} min` : `${m.toFixed(1)} min`;
};

/**
 * The screen before the clock: the question, the stages with their minutes and the total, the keys.
 * The clock starts only on Enter. Pure.
 */
export function readyLines(r: ReadyInput, p: Painter, width = 80, rows = 24): string[] {
  const w = Math.max(40, width);
  const q = r.question;
  const lines: string[] = [p.bold(truncate(oneLine(q.title), w)), p.dim(truncate([q.company, q.difficulty].filter(Boolean).map((s) => oneLine(String(s))).join(' · '), w))];
  if (r.reason) lines.push(p.cyan(truncate(oneLine(`Picked for you: ${r.reason}.`), w)));
  if (r.before) lines.push(p.yellow(truncate(oneLine(r.before), w)));
  lines.push('');
  // The prompt may be long: it gets what is left after the fixed part of the screen.
  const fixed = lines.length + STAGE_IDS.length + 9;
  // Cut with an ellipsis when it does not fit: the practice screen shows the whole prompt.
  lines.push(...wrapText(stripControl(q.prompt), w, Math.max(2, rows - fixed)), '');
  const total = STAGE_IDS.reduce((a, s) => a + r.seconds[s], 0) + (r.followupSeconds ?? 0);
  const time = r.timer ? `${minutes(total)} in all${r.followupSeconds ? ' with the follow-up' : ''}${r.hardStop ? ', each stage ends at 00:00' : ', overtime allowed'}` : 'no timer';
  lines.push(p.bold(`Stages`) + p.dim(`  (${time})`));
  STAGE_IDS.forEach((s, i) => lines.push(`  ${i + 1}. ${STAGE_TITLES[s].padEnd(22)} ${r.timer ? minutes(r.seconds[s]) : ''}`.trimEnd()));
  if (r.followupSeconds) lines.push(`     ${'Follow-up'.padEnd(22)} ${r.timer ? minutes(r.followupSeconds) : ''}`.trimEnd());
  lines.push('', p.dim(truncate('Keys: Ctrl-D or a "." line submits a stage · :skip skips · Ctrl-C saves, quits', w)));
  return lines;
}

export const READY_HINT = 'Enter to start the clock, Esc to go back';

import { verdictColor } from './verdict-color.js';
import { wrapProse } from '../text/width.js';
import { verdictAtLevel } from '../scoring/levels.js';
import { STAGE_TITLES, isStageId } from '../questions/stages.js';
import { formatDuration, formatScore, scoreBar } from '../text/format.js';
import { table } from './output.js';
import { createPainter, type Painter } from './paint.js';
import { limitingCriterion, weightPercents } from '../scoring/overall.js';
import { criterionEvidence } from '../scoring/evidence.js';
import { oneLine } from '../text/sanitize.js';
import type { CriterionScore, ScoreResult } from '../scoring/types.js';

/** The colours the display uses: the CLI's painter, or plain text for files and tests. */
export type Paint = Painter;

export const plainPaint: Paint = createPainter(false);

export interface StageTime {
  id: string;
  secondsUsed?: number;
  secondsAllotted?: number;
  overtimeSeconds?: number;
}

export interface RenderOptions {
  paint?: Paint;
  /** Time per stage, shown beside the score. */
  stages?: readonly StageTime[];
  /** Terminal width, to cut long lines; none for files and pipes. */
  width?: number;
}

/** The time rows of a session: its stages, then the push-back when there was one. Pure. */
export function sessionTimes(session: { stages: readonly StageTime[]; followup?: { secondsUsed?: number; secondsAllotted?: number; overtimeSeconds?: number } }): StageTime[] {
  const f = session.followup;
  if (!f || (f.secondsUsed === undefined && f.secondsAllotted === undefined)) return [...session.stages];
  return [...session.stages, { id: 'Follow-up', secondsUsed: f.secondsUsed, secondsAllotted: f.secondsAllotted, overtimeSeconds: f.overtimeSeconds }];
}



const wrap = (text: string, width: number | undefined, indent: string): string => wrapProse(text, width, indent);

/** Quotes as quotes; reference points as what they are (covered, listed, missed), never in quotation marks. */
function evidenceLines(c: CriterionScore, p: Paint, width?: number): string[] {
  const e = criterionEvidence(c);
  const out = e.quotes.map((q) => wrap(`“${oneLine(q)}”`, width, '  '));
  const groups: Array<[string, string[], (s: string) => string]> = [
    ['Covered', e.covered, p.green],
    ['Listed, not explained', e.listed, p.yellow],
    ['Missed', e.missed, p.dim],
  ];
  for (const [title, items, colour] of groups) if (items.length) out.push(colour(wrap(`${title}: ${items.map(oneLine).join('; ')}`, width, '  ')));
  return out;
}

/** The criterion holding the verdict back, first: what it is and the one thing to do about it. */
function limitingLine(result: ScoreResult, p: Paint, width?: number): string[] {
  const id = result.limiting ?? limitingCriterion(result.criteria);
  const c = result.criteria.find((x) => x.id === id);
  if (!c) return [];
  const next = c.suggestion ? ` Next time: ${oneLine(c.suggestion)}` : '';
  return [p.cyan(wrap(`Holding the verdict back: ${oneLine(c.title)} (${formatScore(c.score)}/5).${next}`, width, ''))];
}

/** The criteria in detail, the limiting one first. */
function limitingFirst(result: ScoreResult): CriterionScore[] {
  const id = result.limiting ?? limitingCriterion(result.criteria);
  return [...result.criteria.filter((c) => c.id === id), ...result.criteria.filter((c) => c.id !== id)];
}

/**
 * The score as the user sees it: overall and verdict with the judge, notes, the criterion holding the verdict
 * back, a table of criteria with bars, then evidence, rationale, suggestion and flags per criterion (the limiting
 * one first), and time per stage with overtime. Pure.
 */
export function renderScore(result: ScoreResult, options: RenderOptions = {}): string {
  const p = options.paint ?? plainPaint;
  const width = options.width;
  const out: string[] = [];
  const verdict = verdictColor(result.verdict, p);
  const samples = result.samples > 1 ? `, median of ${result.samples} samples` : '';
  out.push(`${p.bold(`Score ${result.overall}/100`)}  ${verdict(p.bold(verdictAtLevel(result)))}   ${p.dim(`judge: ${oneLine(result.judge.label)}${samples}`)}`);
  for (const n of result.notes) out.push(p.yellow(wrap(`! ${oneLine(n)}`, width, '')));
  if (result.injectionSuspected && !result.notes.some((n) => /grader/.test(n))) out.push(p.yellow('! The answer seems to address the grader; that text was not counted as evidence.'));
  out.push(...limitingLine(result, p, width));
  out.push('');

  const percents = weightPercents(result.criteria.map((c) => c.weight));
  const rows = result.criteria.map((c, i) => {
    const spread = c.spread && c.spread[0] !== c.spread[1] ? ` (${c.spread[0]}-${c.spread[1]})` : '';
    const flag = c.flags.length > 0 ? ` ${p.yellow('!')}` : '';
    return [oneLine(c.title), `${percents[i]}%`, `${scoreBar(c.score)} ${formatScore(c.score)}${spread}${flag}`];
  });
  out.push(table(['Criterion', 'Weight', 'Score'], rows, { header: p.bold }));

  for (const c of limitingFirst(result)) {
    out.push('', `${p.bold(oneLine(c.title))}  ${formatScore(c.score)}/5`);
    out.push(...evidenceLines(c, p, width));
    if (c.rationale) out.push(wrap(`Why: ${oneLine(c.rationale)}`, width, '  '));
    if (c.suggestion) out.push(p.cyan(wrap(`Next time: ${oneLine(c.suggestion)}`, width, '  ')));
    for (const f of c.flags) out.push(p.yellow(wrap(`! ${oneLine(f)}`, width, '  ')));
  }

  const stages = (options.stages ?? []).filter((s) => s.secondsUsed !== undefined || s.secondsAllotted !== undefined);
  if (stages.length > 0) {
    out.push('', p.bold('Time per stage'));
    const timeRows = stages.map((s) => {
      const over = s.overtimeSeconds ?? Math.max(0, (s.secondsUsed ?? 0) - (s.secondsAllotted ?? Infinity));
      return [
        isStageId(s.id) ? STAGE_TITLES[s.id] : s.id,
        formatDuration(s.secondsUsed ?? 0),
        s.secondsAllotted !== undefined ? formatDuration(s.secondsAllotted) : '-',
        over > 0 ? p.red(`+${formatDuration(over)}`) : p.dim('-'),
      ];
    });
    const totalUsed = stages.reduce((a, s) => a + (s.secondsUsed ?? 0), 0);
    const totalAllotted = stages.reduce((a, s) => a + (s.secondsAllotted ?? 0), 0);
    const totalOver = stages.reduce((a, s) => a + Math.max(0, s.overtimeSeconds ?? 0), 0);
    timeRows.push(['Total', formatDuration(totalUsed), formatDuration(totalAllotted), totalOver > 0 ? p.red(`+${formatDuration(totalOver)}`) : p.dim('-')]);
    out.push(table(['Stage', 'Used', 'Allotted', 'Overtime'], timeRows, { header: p.bold }));
  }
  return out.join('\n');
}

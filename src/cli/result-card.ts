import type { ScoreResult, CriterionScore } from '../scoring/types.js';
import { verdictColor } from './verdict-color.js';
import { verdictAtLevel } from '../scoring/levels.js';
import { changeMark, type AttemptComparison } from '../history/attempts.js';

import type { Painter } from './paint.js';
import { formatDate, formatDuration, formatScore, scoreBar } from '../text/format.js';
import { oneLine } from '../text/sanitize.js';
import { displayWidth, padEnd, truncate } from '../text/width.js';
import { limitingCriterion, weightPercents } from '../scoring/overall.js';
import type { SessionTime } from '../session/time.js';

/**
 * The end of a session at a glance, made to fit an 80x24 terminal together with the menu under it: overall
 * and verdict with the judge, one line per criterion with its bar, the limiting factor, the three most
 * valuable next steps, the time and the transcript. Every line is cut to the width. Pure.
 */
export interface CardInput {
  score: ScoreResult;
  title: string;
  time?: SessionTime;
  transcriptPath?: string;
  /** Against earlier attempts at this question (retry and compare), when there are any. */
  compare?: AttemptComparison;
}


/** Points a criterion leaves on the table: its weight times the levels it is short of 5. */
const cost = (c: CriterionScore): number => c.weight * (5 - c.score);

/** The criterion holding the verdict back: the score's own (the judge named it) or the one definition in scoring. Pure. */
export function limitingFactor(score: ScoreResult): CriterionScore | undefined {
  const id = score.limiting ?? limitingCriterion(score.criteria);
  return score.criteria.find((c) => c.id === id && c.score < 5);
}

/** The suggestions worth the most points, most valuable first, at most `n`, none repeated. Pure. */
export function nextSteps(score: ScoreResult, n = 3): string[] {
  const out: string[] = [];
  for (const c of [...score.criteria].sort((a, b) => cost(b) - cost(a))) {
    const s = oneLine(c.suggestion ?? '');
    if (s && c.score < 5 && !out.includes(s)) out.push(s);
    if (out.length === n) break;
  }
  return out;
}

export function renderCard(input: CardInput, p: Painter, width = 80): string[] {
  const { score } = input;
  const w = Math.max(40, width);
  const cut = (s: string): string => truncate(s, w);
  const lines: string[] = [];
  const samples = score.samples > 1 ? `, median of ${score.samples}` : '';
  lines.push(cut(`${p.bold(`Score ${score.overall}/100`)}  ${verdictColor(score.verdict, p)(p.bold(verdictAtLevel(score)))}  ${p.dim(`judge: ${oneLine(score.judge.label)}${samples}`)}`));
  // The comparison shares the title's line, so a retry's card is no taller than a first attempt's (80x24).
  const cmp = input.compare;
  const best = cmp?.best && cmp.previous && cmp.best.overall !== cmp.previous.overall ? ` · best ${cmp.best.overall} (${changeMark(cmp.overall.vsBest)})` : '';
  const last = cmp?.previous ? `Last time ${cmp.previous.overall} on ${formatDate(cmp.previous.date).slice(0, 10)} (${changeMark(cmp.overall.vsPrevious)})${best} · ` : '';
  lines.push(cut(`${last}${p.dim(oneLine(input.title))}`));
  for (const note of score.notes.slice(0, 1)) lines.push(cut(p.yellow(`! ${oneLine(note)}`)));

  const percents = weightPercents(score.criteria.map((c) => c.weight));
  const names = score.criteria.map((c) => oneLine(c.title));
  const nameWidth = Math.min(28, Math.max(...names.map(displayWidth), 0));
  score.criteria.forEach((c, i) => {
    const flag = c.flags.length > 0 ? p.yellow(' !') : '';
    const change = changeMark(cmp?.criteria.find((x) => x.id === c.id)?.vsPrevious);
    const arrow = change ? `  ${change.startsWith('▲') ? p.green(change) : change.startsWith('▼') ? p.red(change) : p.dim(change)}` : '';
    lines.push(cut(`  ${padEnd(truncate(names[i]!, nameWidth), nameWidth)}  ${p.cyan(scoreBar(c.score))} ${formatScore(c.score)}/5  ${p.dim(`${percents[i]}%`)}${flag}${arrow}`));
  });

  const limit = limitingFactor(score);
  if (limit) {
    const why = oneLine(limit.rationale ?? '');
    lines.push(cut(`${p.bold('Limiting factor:')} ${oneLine(limit.title)} (${formatScore(limit.score)}/5)${why ? ` · ${why}` : ''}`));
  }
  const steps = nextSteps(score);
  steps.forEach((s, i) => lines.push(cut(`${i === 0 ? p.bold('Next:') : '     '} ${i + 1}. ${p.cyan(s)}`)));

  const tail: string[] = [];
  if (input.time) {
    const t = input.time;
    const over = t.overtimeSeconds > 0 ? p.red(` (+${formatDuration(t.overtimeSeconds)} over)`) : '';
    tail.push(`Time ${formatDuration(t.secondsUsed)} of ${formatDuration(t.secondsAllotted)}${t.followup ? ' with the follow-up' : ''}${over}`);
  }
  if (input.transcriptPath) {
    // A path too long for the line keeps its end (the file name), not its start.
    const room = w - 'Transcript '.length;
    const path = input.transcriptPath.length > room ? '…' + input.transcriptPath.slice(-(room - 1)) : input.transcriptPath;
    tail.push(`Transcript ${path}`);
  }
  // One line when both fit, else one each.
  if (tail.length === 2 && displayWidth(tail.join(' · ')) <= w) lines.push(p.dim(tail.join(' · ')));
  else for (const t of tail) lines.push(cut(p.dim(t)));
  return lines;
}

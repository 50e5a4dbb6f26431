import type { Exchange, SessionRecord, StageRecord } from '../session/types.js';
import type { CriterionScore, ScoreResult } from '../scoring/types.js';
import { criterionEvidence } from '../scoring/evidence.js';
import { STAGE_TITLES, type StageId } from '../questions/stages.js';
import { limitingCriterion, weightPercents } from '../scoring/overall.js';
import { escapeCell, escapeInline, quoteBlock } from './escape.js';
import { modelAnswerMarkdown } from './model-answer.js';
import { timeTotals } from '../session/time.js';

export { timeTotals, type TimeTotals } from '../session/time.js';
import { verdictAtLevel } from '../scoring/levels.js';
import { formatDate, formatDuration, formatScore, scoreBar } from '../text/format.js';

/**
 * A session as a markdown transcript (pure): the question, each stage's answer with its time, the
 * interviewer's clarifications and follow-up, and the score. Every piece of text that came from the
 * candidate, a model or a file is escaped, so nothing typed can add a heading, HTML, a fence or a table.
 */
export interface MarkdownOptions {
  /** Time zone for dates (default: the machine's). */
  timeZone?: string;
  /** Level of the title heading: 1 for a transcript of its own, 2 inside a mock interview. */
  headingLevel?: number;
  /** Replaces the title heading's text (already escaped), e.g. "1. Title" in a mock interview. */
  titlePrefix?: string;
  /** The question's model answer as an appendix, when it has one (default true; coaches turn it off). */
  modelAnswer?: boolean;
}

const SOURCES: Record<Exchange['source'], string> = {
  fact: "from the question's facts",
  assumption: 'state an assumption',
  llm: 'interviewer model',
  given: 'given in the answer file',
};

/** An ATX heading; a trailing run of # in the text is escaped so it is not taken as a closing sequence. */
const heading = (level: number, text: string): string => `${'#'.repeat(Math.min(6, level))} ${text.replace(/(^|\s)(#+)\s*$/, '$1\\$2')}`;

/** A judge label or URL as shown: no user:password@ part. */
export function safeLabel(label: string): string {
  return escapeInline(label.replace(/\/\/[^\s/@]+@/g, '//'));
}

export function stageTitle(id: string): string {
  return (STAGE_TITLES as Record<string, string>)[id] ?? escapeInline(id);
}

export function stageTime(stage: Pick<StageRecord, 'status' | 'secondsUsed' | 'secondsAllotted' | 'overtimeSeconds'>): string {
  const used = `${formatDuration(stage.secondsUsed)} of ${formatDuration(stage.secondsAllotted)}`;
  const over = (stage.overtimeSeconds ?? 0) > 0 ? ` · **${formatDuration(stage.overtimeSeconds)} over**` : '';
  switch (stage.status) {
    case 'pending':
      return '_not reached_';
    case 'skipped':
      return `_skipped_ (${used})`;
    case 'active':
      return `_in progress_ · ${used}${over}`;
    default:
      return `${used}${over}`;
  }
}



/** "**Overall: 72/100 · hire** · judge: offline estimate", or "**Not scored**". */
export function scoreLine(score: ScoreResult | undefined): string {
  if (!score) return '**Not scored**';
  const samples = score.samples > 1 ? ` · ${score.samples} samples` : '';
  return `**Overall: ${score.overall}/100 · ${escapeInline(verdictAtLevel(score))}** · judge: ${safeLabel(score.judge.label)}${samples}`;
}

function header(session: SessionRecord, level: number, options: MarkdownOptions): string[] {
  const q = session.question;
  const title = (options.titlePrefix ?? '') + escapeInline(q.title || q.id);
  const about = [
    q.company ? `**Company:** ${escapeInline(q.company)}` : '',
    q.difficulty ? `**Difficulty:** ${escapeInline(q.difficulty)}` : '',
    `**Question:** ${escapeInline(q.id)}`,
  ].filter(Boolean);
  const who = [
    session.candidate ? `**Candidate:** ${escapeInline(session.candidate)}` : '',
    `**Date:** ${escapeInline(formatDate(session.createdAt, options.timeZone))}`,
    `**Session:** ${escapeInline(session.id)}`,
  ].filter(Boolean);
  const lines = [heading(level, title), '', about.join(' · ') + '  ', who.join(' · ')];
  if (session.status !== 'finished') lines.push('', `**Status:** unfinished. Resume it with: pmcoach resume ${escapeInline(session.id)}`);
  lines.push('', ...quoteBlock(q.prompt ?? '', '> _(no prompt)_'), '', scoreLine(session.score), '');
  const t = timeTotals(session);
  const over = t.overtimeSeconds > 0 ? ` · overtime ${formatDuration(t.overtimeSeconds)} (${t.overtimeStages.map(stageTitle).join(', ')})` : ' · no overtime';
  lines.push(`Total time: ${formatDuration(t.secondsUsed)} of ${formatDuration(t.secondsAllotted)}${over}`);
  return lines;
}

function clarifications(asked: readonly Exchange[]): string[] {
  if (asked.length === 0) return [];
  const lines = ['', '**Asked the interviewer**', ''];
  for (const ex of asked) {
    const source = SOURCES[ex.source] ? ` _(${SOURCES[ex.source]})_` : '';
    lines.push(`- **Q:** ${escapeInline(ex.q) || '—'}  `, `  **A:** ${escapeInline(ex.a) || '—'}${source}`);
  }
  return lines;
}

function stages(session: SessionRecord, level: number): string[] {
  const lines: string[] = [];
  const asked = session.asked ?? [];
  session.stages.forEach((stage, i) => {
    lines.push('', heading(level, `${i + 1}. ${stageTitle(stage.id)}`), '', `Time: ${stageTime(stage)}`, '');
    lines.push(...quoteBlock(stage.text ?? '', stage.status === 'pending' ? '> _(not reached)_' : '> _(no answer)_'));
    if (stage.id === ('clarifying' satisfies StageId)) lines.push(...clarifications(asked));
  });
  if (asked.length > 0 && !session.stages.some((s) => s.id === 'clarifying')) lines.push(...clarifications(asked));
  const f = session.followup;
  if (f) {
    lines.push('', heading(level, 'Follow-up'), '', `**Interviewer:** ${escapeInline(f.q) || '—'}`);
    if (f.secondsAllotted !== undefined || f.secondsUsed !== undefined) {
      lines.push('', 'Time: ' + stageTime({ status: 'done', secondsUsed: f.secondsUsed ?? 0, secondsAllotted: f.secondsAllotted ?? 0, overtimeSeconds: f.overtimeSeconds ?? 0 }));
    }
    lines.push('', ...quoteBlock(f.answer ?? '', '> _(no answer)_'));
  }
  return lines;
}

/** The evidence cell: quotes in quotation marks, reference points under their kind, never quoted. */
function evidenceCell(c: CriterionScore): string[] {
  const e = criterionEvidence(c);
  const list = (title: string, items: readonly string[]): string[] => (items.length ? [`${title}: ${items.map(escapeInline).join('; ')}`] : []);
  return [
    ...e.quotes.map((q) => escapeInline(q)).filter(Boolean).map((q) => `“${q}”`),
    ...list('Covered', e.covered),
    ...list('Listed, not explained', e.listed),
    ...list('Missed', e.missed),
  ];
}

/** "**Holding the verdict back:** Metrics (2/5). Next time: ...", first in the scores. */
function limitingLine(score: ScoreResult): string[] {
  const id = score.limiting ?? limitingCriterion(score.criteria);
  const c = score.criteria.find((x) => x.id === id);
  if (!c) return [];
  const next = c.suggestion ? ` Next time: ${escapeInline(c.suggestion)}` : '';
  return [`**Holding the verdict back:** ${escapeInline(c.title || c.id)} (${formatScore(c.score)}/5).${next}`, ''];
}

function scores(score: ScoreResult, level: number, timeZone: string | undefined): string[] {
  const percents = weightPercents(score.criteria.map((c) => c.weight));
  const lines = ['', heading(level, 'Scores'), '', ...limitingLine(score), '| Criterion | Weight | Score | Why, and evidence from the answer | Suggestion |', '| --- | ---: | --- | --- | --- |'];
  score.criteria.forEach((c, i) => {
    const spread = c.spread && c.spread[0] !== c.spread[1] ? ` (${formatScore(c.spread[0])}–${formatScore(c.spread[1])})` : '';
    const why = [escapeInline(c.rationale ?? ''), ...evidenceCell(c)].filter(Boolean).join(' · ');
    lines.push(
      `| ${escapeCell(c.title || c.id)} | ${percents[i]}% | ${formatScore(c.score)}/5 ${scoreBar(c.score)}${spread} | ${why || '—'} | ${escapeCell(c.suggestion ?? '')} |`,
    );
  });
  lines.push('', scoreLine(score));
  const flags = score.criteria.flatMap((c) => (c.flags ?? []).map((f) => `- **${escapeInline(c.title || c.id)}:** ${escapeInline(f)}`));
  if (score.injectionSuspected) flags.unshift('- The answer seems to address the grader (possible prompt injection); that text was not taken as evidence.');
  if (flags.length > 0) lines.push('', heading(level + 1, 'Flags'), '', ...flags);
  const notes = (score.notes ?? []).map((n) => escapeInline(n)).filter(Boolean);
  if (notes.length > 0) lines.push('', heading(level + 1, 'Notes'), '', ...notes.map((n) => `- ${n}`));
  lines.push('', `_Scored ${escapeInline(formatDate(score.scoredAt, timeZone))} with rubric ${escapeInline(score.rubricId)}._`);
  return lines;
}

/** The transcript's lines, headings starting at `level` (used on its own and inside a mock transcript). */
export function sessionLines(session: SessionRecord, options: MarkdownOptions = {}): string[] {
  const level = options.headingLevel ?? 1;
  const lines = [...header(session, level, options), ...stages(session, level + 1)];
  if (session.score) lines.push(...scores(session.score, level + 1, options.timeZone));
  else lines.push('', heading(level + 1, 'Scores'), '', `Not scored yet: \`pmcoach score ${escapeInline(session.id)}\` scores it.`);
  if (options.modelAnswer !== false && session.question.model_answer) lines.push('', modelAnswerMarkdown(session.question, { headingLevel: level + 1, title: 'Model answer' }).trimEnd());
  return lines;
}

export function renderSessionMarkdown(session: SessionRecord, options: MarkdownOptions = {}): string {
  return sessionLines(session, options).join('\n') + '\n';
}

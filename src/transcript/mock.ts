import type { SessionRecord } from '../session/types.js';
import type { Verdict } from '../scoring/types.js';
import { verdictFor } from '../scoring/overall.js';
import { escapeCell, escapeInline } from './escape.js';
import { formatDate, formatDuration, formatScore } from '../text/format.js';
import { sessionLines, type MarkdownOptions } from './markdown.js';
import { timeTotals } from '../session/time.js';
import { weakestCriterion } from '../scoring/overall.js';

export { weakestCriterion } from '../scoring/overall.js';
import { toTranscriptJson, TRANSCRIPT_SCHEMA_VERSION, type TranscriptJson } from './json.js';

/** A mock interview across several questions, summarised (pure). */
export interface MockRow {
  sessionId: string;
  questionId: string;
  title: string;
  overall: number | null;
  verdict: Verdict | null;
  weakest: { id: string; title: string; score: number } | null;
  secondsUsed: number;
  secondsAllotted: number;
  overtimeSeconds: number;
}

export interface MockSummary {
  questions: MockRow[];
  /** Mean of the scored questions' overall scores, rounded; null when none was scored. */
  overall: number | null;
  verdict: Verdict | null;
  scored: number;
  /** Per criterion id, the score on each question (null where that question was not scored on it). */
  criteria: Array<{ id: string; title: string; average: number; scores: Array<number | null> }>;
  interviewer?: { name?: string; style?: string };
  /** One-line notes shown under the summary, e.g. "question 2 was drawn from tag marketplace". */
  notes?: string[];
}

/** The lowest criterion; on a tie, the one that weighs more (it costs more). */

export function summarizeMock(sessions: readonly SessionRecord[]): MockSummary {
  const questions: MockRow[] = sessions.map((s) => {
    const t = timeTotals(s);
    const w = weakestCriterion(s.score);
    return {
      sessionId: s.id,
      questionId: s.question.id,
      title: s.question.title,
      overall: s.score ? s.score.overall : null,
      verdict: s.score ? s.score.verdict : null,
      weakest: w ? { id: w.id, title: w.title, score: w.score } : null,
      secondsUsed: t.secondsUsed,
      secondsAllotted: t.secondsAllotted,
      overtimeSeconds: t.overtimeSeconds,
    };
  });
  const scoredRows = questions.filter((q) => q.overall !== null);
  const overall = scoredRows.length ? Math.round(scoredRows.reduce((a, q) => a + q.overall!, 0) / scoredRows.length) : null;
  const ids: Array<{ id: string; title: string }> = [];
  for (const s of sessions) for (const c of s.score?.criteria ?? []) if (!ids.some((x) => x.id === c.id)) ids.push({ id: c.id, title: c.title });
  const criteria = ids.map(({ id, title }) => {
    const scores = sessions.map((s) => s.score?.criteria.find((c) => c.id === id)?.score ?? null);
    const known = scores.filter((x): x is number => x !== null);
    return { id, title, average: known.reduce((a, b) => a + b, 0) / known.length, scores };
  });
  return { questions, overall, verdict: overall === null ? null : verdictFor(overall), scored: scoredRows.length, criteria };
}

/**
 * One markdown document for a mock interview: a summary table across questions, the average per
 * criterion, then each question's full transcript one heading level down.
 */
export function renderMockMarkdown(title: string, sessions: readonly SessionRecord[], summary: MockSummary = summarizeMock(sessions), options: Pick<MarkdownOptions, 'timeZone'> = {}): string {
  const lines = [`# Mock interview: ${escapeInline(title) || 'untitled'}`, ''];
  const about: string[] = [];
  const iv = summary.interviewer;
  if (iv?.name || iv?.style) about.push(`**Interviewer:** ${escapeInline([iv.name, iv.style ? `(${iv.style})` : ''].filter(Boolean).join(' '))}`);
  if (sessions[0]) about.push(`**Date:** ${escapeInline(formatDate(sessions[0].createdAt, options.timeZone))}`);
  about.push(`**Questions:** ${sessions.length}`);
  const candidate = sessions.find((s) => s.candidate)?.candidate;
  if (candidate) about.push(`**Candidate:** ${escapeInline(candidate)}`);
  lines.push(about.join(' · '), '');
  lines.push(
    summary.overall === null
      ? '**Not scored**'
      : `**Overall: ${summary.overall}/100 · ${escapeInline(summary.verdict ?? verdictFor(summary.overall))}** (mean of ${summary.scored} scored question${summary.scored === 1 ? '' : 's'})`,
  );
  lines.push('', '## Summary', '', '| # | Question | Overall | Verdict | Weakest criterion | Time |', '| ---: | --- | ---: | --- | --- | --- |');
  summary.questions.forEach((q, i) => {
    const time = `${formatDuration(q.secondsUsed)} of ${formatDuration(q.secondsAllotted)}${q.overtimeSeconds > 0 ? `, ${formatDuration(q.overtimeSeconds)} over` : ''}`;
    const weakest = q.weakest ? `${escapeCell(q.weakest.title || q.weakest.id)} (${formatScore(q.weakest.score)})` : '—';
    lines.push(`| ${i + 1} | ${escapeCell(q.title || q.questionId)} | ${q.overall ?? '—'} | ${q.verdict ? escapeCell(q.verdict) : 'not scored'} | ${weakest} | ${time} |`);
  });
  if (summary.criteria.length > 0) {
    lines.push('', '| Criterion | Average | Per question |', '| --- | ---: | --- |');
    for (const c of summary.criteria) {
      const per = c.scores.map((s) => (s === null ? '—' : formatScore(s))).join(' · ');
      lines.push(`| ${escapeCell(c.title || c.id)} | ${formatScore(Math.round(c.average * 10) / 10)} | ${per} |`);
    }
  }
  const notes = (summary.notes ?? []).map((n) => escapeInline(n)).filter(Boolean);
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${n}`));
  sessions.forEach((s, i) => {
    lines.push('', ...sessionLines(s, { headingLevel: 2, titlePrefix: `${i + 1}. `, timeZone: options.timeZone }));
  });
  return lines.join('\n') + '\n';
}

export interface MockJson {
  schemaVersion: typeof TRANSCRIPT_SCHEMA_VERSION;
  kind: 'pmcoach.mock';
  title: string;
  summary: MockSummary;
  sessions: TranscriptJson[];
}

export function toMockJson(title: string, sessions: readonly SessionRecord[], summary: MockSummary = summarizeMock(sessions)): MockJson {
  return { schemaVersion: TRANSCRIPT_SCHEMA_VERSION, kind: 'pmcoach.mock', title, summary, sessions: sessions.map((s) => toTranscriptJson(s)) };
}


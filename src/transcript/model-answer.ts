import type { ModelAnswer, Question } from '../questions/schema.js';
import { STAGE_IDS, STAGE_TITLES, type StageId } from '../questions/stages.js';
import { escapeInline } from './escape.js';

/**
 * A question's model answer as markdown (pure): one strong answer among many, written by a person, stage by
 * stage. With a candidate's answer it becomes the comparison view: under each stage title, their answer, the
 * model answer, and the reference points their answer missed. Text from the question file is escaped so it
 * cannot add headings or HTML.
 */

export const MODEL_ANSWER_NOTE = 'One strong answer among many: a guide, not a checklist. A different answer with equal substance scores as high.';

/** Paragraphs and "- " bullets kept; anything that would start markdown structure escaped. */
function block(text: string): string {
  const out: string[] = [];
  let inList = false;
  for (const line of text.trim().split('\n')) {
    const bullet = /^(\s*)[-*]\s+(.*)$/.exec(line);
    // A paragraph after a list (or a list after a paragraph) needs a blank line, or markdown joins them.
    if (out.length > 0 && line.trim() !== '' && Boolean(bullet) !== inList && out[out.length - 1] !== '') out.push('');
    out.push(bullet ? `${bullet[1]}- ${escapeInline(bullet[2]!)}` : escapeInline(line));
    if (line.trim() !== '') inList = Boolean(bullet);
  }
  return out.join('\n');
}

export function modelAnswerMarkdown(question: Pick<Question, 'title' | 'model_answer'>, options: { headingLevel?: number; title?: string } = {}): string {
  const answer = question.model_answer;
  if (!answer) return '';
  const h = '#'.repeat(Math.min(5, options.headingLevel ?? 1));
  const lines = [`${h} ${options.title ?? `Model answer: ${escapeInline(question.title)}`}`, '', `_${MODEL_ANSWER_NOTE}_`, ''];
  for (const id of STAGE_IDS) lines.push(`${h}# ${STAGE_TITLES[id]}`, '', block(answer[id]), '');
  return lines.join('\n').trimEnd() + '\n';
}

export interface StageComparison {
  id: StageId;
  /** What the candidate wrote in this stage ('' when empty or skipped). */
  theirs: string;
  /** Reference points of this stage their answer did not cover. */
  missed: string[];
}

/** Their answer and the model answer one after the other under each stage title, missed points marked. */
export function comparisonMarkdown(question: Pick<Question, 'title' | 'model_answer'>, stages: readonly StageComparison[]): string {
  const answer: ModelAnswer | undefined = question.model_answer;
  if (!answer) return '';
  const lines = [`# Your answer and a model answer: ${escapeInline(question.title)}`, '', `_${MODEL_ANSWER_NOTE}_`, ''];
  for (const s of stages) {
    lines.push(`## ${STAGE_TITLES[s.id]}`, '', '**Your answer**', '', s.theirs.trim() ? block(s.theirs) : '_(empty)_', '', '**Model answer**', '', block(answer[s.id]), '');
    if (s.missed.length > 0) lines.push('**Missed:**', '', ...s.missed.map((m) => `- ✗ ${escapeInline(m)}`), '');
  }
  return lines.join('\n').trimEnd() + '\n';
}

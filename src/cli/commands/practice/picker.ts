import type { Question } from '../../../questions/schema.js';
import type { SessionRecord } from '../../../session/types.js';
import type { Painter } from '../../paint.js';
import type { Choice } from '../../prompts/ask.js';
import { oneLine } from '../../../text/sanitize.js';
import { padEnd, truncate } from '../../../text/width.js';

/** How often a question was practised and its best score so far. */
export interface Practised {
  times: number;
  best?: number;
}

/** Practice per question id, from the saved sessions (unfinished ones count as practised, unscored). Pure. */
export function practisedById(sessions: readonly Pick<SessionRecord, 'question' | 'score' | 'origin'>[]): Map<string, Practised> {
  const out = new Map<string, Practised>();
  for (const s of sessions) {
    const p = out.get(s.question.id) ?? { times: 0 };
    p.times++;
    const o = s.score?.overall;
    if (typeof o === 'number' && (p.best === undefined || o > p.best)) p.best = o;
    out.set(s.question.id, p);
  }
  return out;
}

/** True when every word typed appears in the title, company, tags or id (any case). Pure. */
export function matchesTerm(q: Question, term: string): boolean {
  const words = term.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [q.title, q.company ?? '', q.id, ...q.tags].join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}

/**
 * The picker's lines: the title, then company, difficulty and how it went before, cut to the terminal.
 * Least practised first, then by title. Pure.
 */
export function pickerChoices(questions: readonly Question[], practised: ReadonlyMap<string, Practised>, term: string, p: Painter, width = 80): Array<Choice<Question>> {
  const titleWidth = Math.max(20, Math.min(48, width - 36));
  return questions
    .filter((q) => matchesTerm(q, term))
    .sort((a, b) => (practised.get(a.id)?.times ?? 0) - (practised.get(b.id)?.times ?? 0) || a.title.localeCompare(b.title))
    .map((q) => {
      const done = practised.get(q.id);
      const how = !done ? 'new' : `practised ${done.times}×${done.best !== undefined ? `, best ${done.best}` : ''}`;
      const facts = [oneLine(q.company ?? '—'), q.difficulty, how].join(' · ');
      const name = truncate(`${padEnd(truncate(oneLine(q.title), titleWidth), titleWidth)}  ${p.dim(facts)}`, Math.max(20, width - 4));
      return { value: q, name, short: truncate(oneLine(q.title), Math.max(20, width - 20)), description: truncate(oneLine(`${q.id}: ${q.tags.join(', ')}`), Math.max(20, width - 2)) };
    });
}

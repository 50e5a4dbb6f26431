import type { MockEntry, MockScript } from './schema.js';
import type { Question } from '../questions/schema.js';
import { filterQuestions } from '../questions/filter.js';
import { compareText } from '../questions/suggest.js';
import { UserError } from '../errors.js';

export interface PlannedQuestion {
  question: Question;
  entry: MockEntry;
}

/**
 * Resolves a script's entries to questions. `pick` entries draw among the matching questions not yet used:
 * `choose` picks one (random when interactive; the first with answers when run from answer files). Pure.
 */
export function planMock(
  script: MockScript,
  questions: readonly Question[],
  choose: (candidates: Question[]) => Question | undefined,
  file: string,
): PlannedQuestion[] {
  const used = new Set<string>();
  const out: PlannedQuestion[] = [];
  script.questions.forEach((entry, i) => {
    let question: Question | undefined;
    if (entry.id) {
      question = questions.find((q) => q.id === entry.id);
      if (!question) throw new UserError(`${file}: questions.${i}.id: unknown question "${entry.id}"; run pmcoach list to see the ids`);
    } else {
      const p = entry.pick ?? {};
      const tags = p.tag === undefined ? undefined : Array.isArray(p.tag) ? p.tag : [p.tag];
      const matching = filterQuestions(questions, { tag: tags, company: p.company, difficulty: p.difficulty })
        .filter((q) => !used.has(q.id))
        .sort((a, b) => compareText(a.id, b.id));
      question = choose(matching);
      if (!question) throw new UserError(`${file}: questions.${i}.pick: no question left that matches ${JSON.stringify(p)}${matching.length ? ' and has answers' : ''}`);
    }
    used.add(question.id);
    out.push({ question, entry });
  });
  return out;
}

import type { Difficulty, Question } from './schema.js';

export interface QuestionFilter {
  tag?: string[];
  company?: string;
  difficulty?: Difficulty;
  search?: string;
}

const norm = (s: string): string => s.toLowerCase().trim();

/** Questions matching every given filter: any of the tags, company and search text case-insensitively. Pure. */
export function filterQuestions(questions: readonly Question[], f: QuestionFilter): Question[] {
  const tags = (f.tag ?? []).map(norm);
  const terms = f.search ? norm(f.search).split(/\s+/).filter(Boolean) : [];
  return questions.filter((q) => {
    if (tags.length && !q.tags.some((t) => tags.includes(norm(t)))) return false;
    if (f.company && norm(q.company ?? '') !== norm(f.company)) return false;
    if (f.difficulty && q.difficulty !== f.difficulty) return false;
    if (terms.length) {
      const hay = norm(`${q.title} ${q.prompt}`);
      if (!terms.every((t) => hay.includes(t))) return false;
    }
    return true;
  });
}

export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];

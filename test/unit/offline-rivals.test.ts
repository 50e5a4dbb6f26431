import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank, type Bank } from '../../src/questions/load.js';
import type { Question } from '../../src/questions/schema.js';
import { STAGE_IDS, type StageId } from '../../src/questions/stages.js';
import { rubricFor } from '../../src/scoring/rubric.js';
import { scoreOffline } from '../../src/scoring/offline/judge.js';
import { questionStems } from '../../src/scoring/offline/background.js';
import type { ScoreResult } from '../../src/scoring/types.js';

/**
 * Excellent answers written for one bank question, graded against another: every one of them must lose its
 * credit, however much product vocabulary the two questions share, and however the answer is dressed up for
 * the question it is graded against. And no answer to the right question may be taken for one of them.
 */
let bank: Bank;
beforeAll(async () => {
  bank = await loadBank({});
});

type Answers = Partial<Record<StageId, string>>;
const modelAnswer = (q: Question): Answers => q.model_answer as Answers;

function score(q: Question, answers: Answers): ScoreResult {
  return scoreOffline({ question: q, rubric: rubricFor(q, bank.rubrics), asked: [], answers: STAGE_IDS.map((id) => ({ id, text: answers[id] ?? '' })) }, new Date(0));
}

/** For each question, the other bank question closest to it by the stems they share: the hardest to tell apart. */
function nearest(q: Question): Question {
  const mine = questionStems(q);
  let best: { q: Question; jaccard: number } | undefined;
  for (const other of bank.questions) {
    if (other.id === q.id) continue;
    const theirs = questionStems(other);
    const shared = [...mine].filter((s) => theirs.has(s)).length;
    const jaccard = shared / (mine.size + theirs.size - shared);
    if (!best || jaccard > best.jaccard) best = { q: other, jaccard };
  }
  return best!.q;
}

const offTopic = (r: ScoreResult): boolean => r.notes.some((n) => n.startsWith('This answer fits another question better'));

describe('an answer to another bank question', () => {
  it('gets at most 2 on every criterion, for every question graded with its nearest neighbour\'s model answer', () => {
    const wrong: string[] = [];
    for (const q of bank.questions) {
      const source = nearest(q);
      const r = score(q, modelAnswer(source));
      if (Math.max(...r.criteria.map((c) => c.score)) > 2) wrong.push(`${source.id} graded as ${q.id}: ${r.overall}`);
    }
    expect(wrong).toEqual([]);
  });

  it('says which question it fits instead', () => {
    const uber = bank.questions.find((q) => q.id === 'uber-surge-pricing-cap')!;
    const lyft = bank.questions.find((q) => q.id === 'lyft-driver-destination-filter')!;
    const r = score(lyft, modelAnswer(uber));
    expect(r.notes).toContain('This answer fits another question better than this one (closest: uber-surge-pricing-cap), so it is scored as off-topic.');
    expect(r.overall).toBeLessThanOrEqual(25);
    // The feedback agrees with the score: no "everything is there" for a criterion held at 2.
    for (const c of r.criteria) {
      expect(c.rationale, c.id).toMatch(/^The answer engages little of this question .*, so this stays at 2 or below\./);
      expect(c.suggestion, c.id).toMatch(/^Build this on the question itself/);
      expect(c.suggestion, c.id).not.toContain('Everything this criterion looks for is there');
      expect(c.rationale.split('; missing')[0], c.id).not.toContain('tied to this question');
    }
  });

  it('stays off-topic with the prompt restated, the company renamed, or this question\'s facts pasted on top', () => {
    const dressed: string[] = [];
    bank.questions.forEach((q, i) => {
      const source = bank.questions[(i + 7) % bank.questions.length]!;
      const answer = modelAnswer(source);
      const variants: Record<string, Answers> = {
        'prompt restated': Object.fromEntries(STAGE_IDS.map((id) => [id, `${q.prompt} ${answer[id] ?? ''}`])),
        'company renamed': Object.fromEntries(STAGE_IDS.map((id) => [id, (answer[id] ?? '').split(source.company ?? '\u0000').join(q.company ?? '')])),
        'facts pasted': { ...answer, clarifying: `${q.facts.map((f) => f.answer).join(' ')}\n${answer.clarifying ?? ''}` },
      };
      for (const [name, answers] of Object.entries(variants)) {
        const r = score(q, answers);
        if (r.overall > 25) dressed.push(`${source.id} as ${q.id}, ${name}: ${r.overall}`);
      }
    });
    expect(dressed).toEqual([]);
  });
});

describe('an answer to the right question', () => {
  it('is never taken for an answer to another one, whole or cut to the first sentence of each stage', () => {
    const flagged: string[] = [];
    for (const q of bank.questions) {
      const whole = modelAnswer(q);
      const short = Object.fromEntries(Object.entries(whole).map(([id, text]) => [id, text.split(/(?<=\.)\s+/)[0]]));
      for (const [name, answers] of [['whole', whole], ['first sentences', short]] as const) if (offTopic(score(q, answers))) flagged.push(`${q.id} (${name})`);
    }
    expect(flagged).toEqual([]);
  });
});

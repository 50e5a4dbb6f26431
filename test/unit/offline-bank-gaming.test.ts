import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank, type Bank } from '../../src/questions/load.js';
import type { Question } from '../../src/questions/schema.js';
import { STAGE_IDS, type StageId } from '../../src/questions/stages.js';
import { rubricFor } from '../../src/scoring/rubric.js';
import { scoreOffline } from '../../src/scoring/offline/judge.js';
import type { ScoreResult } from '../../src/scoring/types.js';

/**
 * The calibration fixtures cover a few questions by hand; these rows try the same tricks on every bundled
 * question, built from its own prompt, reference points and model answer, so that no question is easier
 * to game than the ones the fixtures cover.
 */
let bank: Bank;
beforeAll(async () => {
  bank = await loadBank({});
});

type Answers = Partial<Record<StageId, string>>;

function score(q: Question, answers: Answers): ScoreResult {
  return scoreOffline({ question: q, rubric: rubricFor(q, bank.rubrics), asked: [], answers: STAGE_IDS.map((id) => ({ id, text: answers[id] ?? '' })) }, new Date(0));
}

const sentences = (text: string): string[] => text.split(/(?<=[.!?])\s+/).filter(Boolean);
const mapStages = (answers: Answers, f: (text: string, id: StageId) => string): Answers => Object.fromEntries(Object.entries(answers).map(([id, text]) => [id, f(text, id as StageId)]));
const model = (q: Question): Answers => q.model_answer as Answers;
/** The first `n` sentences of each stage of the model answer: a shorter, plainer answer to the same question. */
const firstSentences = (q: Question, n: number): Answers => mapStages(model(q), (t) => sentences(t).slice(0, n).join(' '));
const highest = (r: ScoreResult): number => Math.max(...r.criteria.map((c) => c.score));

/** Runs `check` on every bundled question and lists the ones where it fails. */
function failures(check: (q: Question) => string | undefined): string[] {
  return bank.questions.map((q) => check(q)).filter((f): f is string => f !== undefined);
}

describe('on every bundled question', () => {
  it('echoing the prompt with framework words gets at most 2 anywhere', () => {
    const echo = (q: Question): Answers =>
      Object.fromEntries(STAGE_IDS.map((id) => [id, `For ${q.prompt.replace(/\?$/, '')}, we need to think about the ${id}: a north star metric, guardrails, a hypothesis, a control and a treatment, and the stakeholders.`]));
    expect(failures((q) => (highest(score(q, echo(q))) > 2 ? `${q.id}: ${score(q, echo(q)).overall}` : undefined))).toEqual([]);
  });

  it('a dump of the reference points\' words gets at most 2 anywhere', () => {
    const dump = (q: Question): Answers => {
      const words = [...new Set(Object.values(q.reference).flat().join(' ').toLowerCase().match(/[a-z]{4,}/g) ?? [])].join(', ');
      return Object.fromEntries(STAGE_IDS.map((id) => [id, words]));
    };
    expect(failures((q) => (highest(score(q, dump(q))) > 2 ? `${q.id}: ${score(q, dump(q)).overall}` : undefined))).toEqual([]);
  });

  it('the reference points pasted as bare lists score below a two-sentence answer', () => {
    const pasted = (q: Question): Answers => Object.fromEntries(STAGE_IDS.map((id) => [id, (q.reference[id] ?? []).map((p) => `- ${p}`).join('\n')]));
    expect(failures((q) => {
      const [p, short] = [score(q, pasted(q)).overall, score(q, firstSentences(q, 2)).overall];
      return p >= short ? `${q.id}: pasted ${p}, two sentences ${short}` : undefined;
    })).toEqual([]);
  });

  it('a recommendation that never commits gets decision 2 or below', () => {
    const hedge = 'Both options have merit and it really depends on how the test comes out. I would want to discuss with leadership before committing, and gather more data before deciding.';
    expect(failures((q) => {
      const decision = score(q, { ...model(q), recommendation: hedge }).criteria.find((c) => c.id === 'decision')!.score;
      return decision > 2 ? `${q.id}: decision ${decision}` : undefined;
    })).toEqual([]);
  });

  it('padding every sentence with a restatement and filler raises no answer by more than 2 points', () => {
    const pad = (answers: Answers): Answers =>
      mapStages(answers, (t) => sentences(t).map((s) => `${s} In other words, ${s[0]!.toLowerCase()}${s.slice(1)} To be honest, at the end of the day this really matters a lot going forward.`).join(' '));
    expect(failures((q) => {
      const rows = [model(q), firstSentences(q, 2)].map((a) => [score(q, a).overall, score(q, pad(a)).overall] as const);
      const raised = rows.find(([plain, padded]) => padded > plain + 2);
      return raised ? `${q.id}: ${raised[0]} padded to ${raised[1]}` : undefined;
    })).toEqual([]);
  });

  it('adding the model answer\'s next sentence to any stage never lowers the score', () => {
    expect(failures((q) => {
      for (let n = 1; n <= 3; n++) {
        const cut = firstSentences(q, n);
        const base = score(q, cut).overall;
        for (const id of STAGE_IDS) {
          const next = sentences(model(q)[id] ?? '')[n];
          if (!next) continue;
          const more = score(q, { ...cut, [id]: `${cut[id]} ${next}` }).overall;
          if (more < base) return `${q.id}: ${n} sentences ${base}, one more in ${id} ${more}`;
        }
      }
      return undefined;
    })).toEqual([]);
  });
});

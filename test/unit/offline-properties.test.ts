import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank, type Bank } from '../../src/questions/load.js';
import { STAGE_IDS, type StageId } from '../../src/questions/stages.js';
import { FOUND } from '../../src/scoring/offline/criteria.js';
import { analyseAnswer, scoreOffline } from '../../src/scoring/offline/judge.js';
import { splitSentences } from '../../src/scoring/offline/text.js';
import type { ScoreResult } from '../../src/scoring/types.js';
import { caseInput, loadCaseSets, type CaseSet } from '../helpers/judge-cases.js';
import type { Answers } from '../helpers/scoring-session.js';

/**
 * Properties of the offline judge over every fixture answer: more substance never costs, repetition never
 * pays, and the advice never asks for what the answer already has.
 */
let bank: Bank;
let sets: CaseSet[];
beforeAll(async () => {
  bank = await loadBank({});
  sets = loadCaseSets(bank);
});

const score = (set: CaseSet, answers: Answers): ScoreResult => scoreOffline(caseInput(set, answers, bank), new Date(0));
const levels = (r: ScoreResult): Record<string, number> => Object.fromEntries(r.criteria.map((c) => [c.id, c.score]));
const each = <T>(f: (set: CaseSet, name: string, answers: Answers) => T): T[] => sets.flatMap((set) => Object.entries(set.answers).map(([name, a]) => f(set, name, a)));

/** The sentences of a stage, as the candidate wrote them. */
const sentencesOf = (text: string): string[] => splitSentences(text).map((s) => s.source);

describe('offline judge properties', () => {
  it('adding a substantive sentence never lowers any score', () => {
    let checked = 0;
    for (const set of sets) {
      const base = set.answers.medium!;
      const before = score(set, base);
      for (const stage of STAGE_IDS) {
        // The strong answer's sentences: reasoned statements about this question that the medium answer lacks.
        for (const sentence of sentencesOf(set.answers.strong![stage] ?? '')) {
          const after = score(set, { ...base, [stage]: `${base[stage] ?? ''}\n${sentence}` });
          const where = `${set.question.id} ${stage} + "${sentence}"`;
          expect(after.overall, where).toBeGreaterThanOrEqual(before.overall);
          for (const [id, level] of Object.entries(levels(before))) expect(levels(after)[id], `${where}: ${id}`).toBeGreaterThanOrEqual(level);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it.each([
    ['every stage written twice', (t: string) => `${t}\n${t}`],
    ['every sentence said twice in a row', (t: string) => sentencesOf(t).flatMap((s) => [s, s]).join('\n')],
    ['every sentence restated with "In other words,"', (t: string) => sentencesOf(t).flatMap((s) => [s, `In other words, ${s}`]).join('\n')],
  ])('never raises a score: %s', (_name, repeat) => {
    each((set, name, answers) => {
      const before = score(set, answers);
      const after = score(set, Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, repeat(v ?? '')])) as Answers);
      expect(after.overall, `${set.question.id}/${name}`).toBeLessThanOrEqual(before.overall);
      for (const [id, level] of Object.entries(levels(before))) expect(levels(after)[id], `${set.question.id}/${name}: ${id}`).toBeLessThanOrEqual(level);
    });
  });

  it('never suggests a component the same criterion reports as found', () => {
    let suggestions = 0;
    each((set, name, answers) => {
      for (const { criterion, analysis } of analyseAnswer(caseInput(set, answers, bank)).criteria) {
        const found = analysis.components.filter((p) => p.value >= FOUND);
        const where = `${set.question.id}/${name}: ${criterion.id}: ${analysis.suggestion}`;
        if (analysis.target !== undefined) expect(found.map((p) => p.name), where).not.toContain(analysis.target);
        // The advice itself, before any missed reference point it names.
        const advice = analysis.suggestion.split(' One point you did not make:')[0]!.toLowerCase();
        for (const p of found) expect(advice, where).not.toContain(p.name);
        // The rationale says the same: what it lists as found is what was found.
        for (const p of found) expect(analysis.rationale.split('; missing')[0], where).toContain(p.name);
        suggestions++;
      }
    });
    expect(suggestions).toBeGreaterThan(100);
  });

  it('quotes only verbatim sentences of the answer', () => {
    each((set, name, answers) => {
      const all = Object.values(answers).join('\n');
      for (const c of score(set, answers).criteria) for (const q of c.quotes) expect(all, `${set.question.id}/${name}: ${c.id}`).toContain(q);
    });
  });

  it('when everything is found, says what would make it sharper instead of repeating a tip', () => {
    const strong = sets.map((set) => analyseAnswer(caseInput(set, set.answers.strong!, bank)).criteria);
    const complete = strong.flat().filter(({ analysis }) => analysis.target === undefined);
    expect(complete.length).toBeGreaterThan(0);
    for (const { analysis } of complete) expect(analysis.suggestion).toMatch(/^Everything this criterion looks for is there; to make it sharper, /);
  });
});

describe('padding to three times the length', () => {
  const pad = (text: string, stage: StageId): string =>
    [...sentencesOf(text).flatMap((s) => [s, `To put it another way, ${s}`, `So, once more: ${s}`]), `At the end of the day, the ${stage} part is really important.`].join(' ');

  it('never raises the overall by more than 2 points, for any tier of any question', () => {
    each((set, name, answers) => {
      if (!['weak', 'medium', 'strong'].includes(name)) return;
      const padded = Object.fromEntries(STAGE_IDS.map((id) => [id, pad(answers[id] ?? '', id)])) as Answers;
      expect(score(set, padded).overall, `${set.question.id}/${name}`).toBeLessThanOrEqual(score(set, answers).overall + 2);
    });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank, type Bank } from '../../src/questions/load.js';
import { scoreOffline } from '../../src/scoring/offline/judge.js';
import type { ScoreResult } from '../../src/scoring/types.js';
import { caseInput, loadCaseSets, type CaseSet } from '../helpers/judge-cases.js';

/**
 * Answers that try to game the offline judge, against answers at known tiers of the same question (three bank
 * questions and one inline question without facts or reference points). Each row is an ordering a human
 * grader would agree with.
 */
let bank: Bank;
let sets: CaseSet[];
const scored = new Map<string, ScoreResult>();

beforeAll(async () => {
  bank = await loadBank({});
  sets = loadCaseSets(bank);
});

function result(set: CaseSet, name: string): ScoreResult {
  const key = `${set.question.id}/${name}`;
  let r = scored.get(key);
  if (!r) {
    const answers = set.answers[name];
    if (!answers) throw new Error(`no ${name} answer for ${set.question.id}`);
    r = scoreOffline(caseInput(set, answers, bank), new Date(0));
    scored.set(key, r);
  }
  return r;
}
const overall = (set: CaseSet, name: string): number => result(set, name).overall;
const criterion = (set: CaseSet, name: string, id: string): number => result(set, name).criteria.find((c) => c.id === id)!.score;

type Row = [name: string, kase: string, holds: (set: CaseSet) => void];
const ROWS: Row[] = [
  ['an answer to another question scores below a medium answer to this one', 'offtopic', (s) => expect(overall(s, 'offtopic')).toBeLessThan(overall(s, 'medium'))],
  ['an answer to another question gets 1-2 on every criterion', 'offtopic', (s) => expect(Math.max(...result(s, 'offtopic').criteria.map((c) => c.score))).toBeLessThanOrEqual(2)],
  ['echoing the prompt with framework words scores below medium', 'echo', (s) => expect(overall(s, 'echo')).toBeLessThan(overall(s, 'medium'))],
  ['echoing the prompt scores no better than a weak answer', 'echo', (s) => expect(overall(s, 'echo')).toBeLessThanOrEqual(overall(s, 'weak'))],
  ['pasted reference points score below medium', 'pasted', (s) => expect(overall(s, 'pasted')).toBeLessThan(overall(s, 'medium'))],
  ['a recommendation that never commits scores decision 2 at most', 'hedge', (s) => expect(criterion(s, 'hedge', 'decision')).toBeLessThanOrEqual(2)],
  ['padding a medium answer to three times its length raises it by 2 points at most', 'padded', (s) => expect(overall(s, 'padded')).toBeLessThanOrEqual(overall(s, 'medium') + 2)],
  ['a notes-style medium answer scores at least the prose medium', 'notes', (s) => expect(overall(s, 'notes')).toBeGreaterThanOrEqual(overall(s, 'medium'))],
  ['a strong answer in plain words of its own scores above medium', 'paraphrase', (s) => expect(overall(s, 'paraphrase')).toBeGreaterThan(overall(s, 'medium'))],
  ['stages answered in the wrong places score below medium', 'swapped', (s) => expect(overall(s, 'swapped')).toBeLessThan(overall(s, 'medium'))],
  ['a medium answer in non-native English scores above weak', 'nonnative', (s) => expect(overall(s, 'nonnative')).toBeGreaterThan(overall(s, 'weak'))],
  ['tiers keep their order: strong > medium > weak', 'medium', (s) => {
    expect(overall(s, 'strong')).toBeGreaterThan(overall(s, 'medium'));
    expect(overall(s, 'medium')).toBeGreaterThan(overall(s, 'weak'));
  }],
];

describe('offline judge: answers that try to game it', () => {
  it('has every case for at least three questions, the inline one included', () => {
    for (const [, kase] of ROWS) {
      const withCase = sets.filter((s) => s.answers[kase]);
      expect(withCase.length, kase).toBeGreaterThanOrEqual(3);
      if (kase !== 'pasted') expect(withCase.some((s) => s.inline), kase).toBe(true);
    }
  });

  describe.each(ROWS)('%s', (_name, kase, holds) => {
    it('holds for every question that has the case', () => {
      const withCase = sets.filter((s) => s.answers[kase]);
      for (const set of withCase) holds(set);
    });
  });

  it('labels every score an offline estimate', () => {
    for (const set of sets) for (const name of Object.keys(set.answers)) expect(result(set, name).judge.label).toBe('offline estimate');
  });
});

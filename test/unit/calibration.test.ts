import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBank, type Bank } from '../../src/questions/load.js';
import { rubricFor } from '../../src/scoring/rubric.js';
import { scoreOffline } from '../../src/scoring/offline/judge.js';
import { ROOT } from '../helpers/cli.js';
import { calibrationAnswers } from '../helpers/scoring-session.js';

/**
 * The calibration set: answers at five tiers for bank questions. The offline judge must rank
 * strong > medium > weak, medium > keyword-stuffed, and every tier above empty.
 */
const DIR = join(ROOT, 'test/fixtures/calibration');
const QUESTIONS = readdirSync(DIR).sort();
const TIERS = ['strong', 'medium', 'weak', 'stuffed', 'empty'] as const;

let bank: Bank;
beforeAll(async () => {
  bank = await loadBank({});
});

function overall(questionId: string, tier: string): number {
  const question = bank.questions.find((q) => q.id === questionId);
  if (!question) throw new Error(`calibration question ${questionId} is not in the bank`);
  const answers = calibrationAnswers(questionId, tier);
  const input = { question, rubric: rubricFor(question, bank.rubrics), asked: [], answers: Object.entries(answers).map(([id, text]) => ({ id: id as never, text: text ?? '' })) };
  return scoreOffline(input, new Date(0)).overall;
}

describe('offline judge calibration', () => {
  it('covers at least three bank questions, each with all five tiers', () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(3);
    for (const q of QUESTIONS) expect(readdirSync(join(DIR, q)).sort()).toEqual(TIERS.map((t) => `${t}.yaml`).sort());
  });

  describe.each(QUESTIONS)('%s', (questionId) => {
    it('ranks strong > medium > weak, medium > stuffed, and every tier above empty', () => {
      const s = Object.fromEntries(TIERS.map((t) => [t, overall(questionId, t)])) as Record<(typeof TIERS)[number], number>;
      expect(s.strong, JSON.stringify(s)).toBeGreaterThan(s.medium);
      expect(s.medium, JSON.stringify(s)).toBeGreaterThan(s.weak);
      expect(s.medium, JSON.stringify(s)).toBeGreaterThan(s.stuffed);
      for (const t of ['strong', 'medium', 'weak', 'stuffed'] as const) expect(s[t], `${t} ${JSON.stringify(s)}`).toBeGreaterThan(s.empty);
    });
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Bank } from '../../src/questions/load.js';
import { questionSchema, type Question } from '../../src/questions/schema.js';
import { STAGE_IDS } from '../../src/questions/stages.js';
import { rubricFor } from '../../src/scoring/rubric.js';
import type { ScoreInput } from '../../src/scoring/types.js';
import { ROOT } from './cli.js';
import type { Answers } from './scoring-session.js';

/**
 * The offline judge's case fixtures: per question, answers at tiers (weak, medium, strong; from
 * test/fixtures/calibration for bank questions) and the cases that try to game it (test/fixtures/judge-cases:
 * off-topic, echo, pasted, hedge, padded, notes, paraphrase, swapped, nonnative). A folder with a
 * question.yaml holds an inline question that is not in the bank.
 */
export const CASES_DIR = join(ROOT, 'test/fixtures/judge-cases');
const CALIBRATION_DIR = join(ROOT, 'test/fixtures/calibration');

export interface CaseSet {
  question: Question;
  inline: boolean;
  /** Answers by name: tiers and cases. */
  answers: Record<string, Answers>;
}

function answersIn(path: string, questionId: string): Answers {
  const doc = parse(readFileSync(path, 'utf8')) as { question?: string; answers?: Record<string, unknown> };
  if (doc.question !== questionId) throw new Error(`${path} names question ${String(doc.question)}, not ${questionId}`);
  const out: Answers = {};
  for (const id of STAGE_IDS) out[id] = typeof doc.answers?.[id] === 'string' ? (doc.answers[id] as string) : '';
  return out;
}

export function loadCaseSets(bank: Bank): CaseSet[] {
  return readdirSync(CASES_DIR)
    .sort()
    .map((id) => {
      const dir = join(CASES_DIR, id);
      const inlineFile = join(dir, 'question.yaml');
      const inline = existsSync(inlineFile);
      const question = inline ? questionSchema.parse(parse(readFileSync(inlineFile, 'utf8'))) : bank.questions.find((q) => q.id === id);
      if (!question) throw new Error(`judge-cases/${id} is not a bank question and has no question.yaml`);
      const answers: Record<string, Answers> = {};
      const files = [...(existsSync(join(CALIBRATION_DIR, id)) ? readdirSync(join(CALIBRATION_DIR, id)).map((f) => join(CALIBRATION_DIR, id, f)) : []), ...readdirSync(dir).map((f) => join(dir, f))];
      for (const file of files) if (!file.endsWith('question.yaml')) answers[file.split('/').pop()!.replace(/\.yaml$/, '')] = answersIn(file, id);
      return { question, inline, answers };
    });
}

export function caseInput(set: CaseSet, answers: Answers, bank: Bank): ScoreInput {
  return { question: set.question, rubric: rubricFor(set.question, bank.rubrics), asked: [], answers: STAGE_IDS.map((id) => ({ id, text: answers[id] ?? '' })) };
}

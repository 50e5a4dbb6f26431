import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { createContext, type Context } from '../../src/cli/context.js';
import type { Question } from '../../src/questions/schema.js';
import { STAGE_IDS, type StageId } from '../../src/questions/stages.js';
import type { SessionRecord } from '../../src/session/types.js';
import { ROOT } from './cli.js';
import { makeSession, makeStages } from './sessions.js';

export type Answers = Partial<Record<StageId, string>>;

/** A finished session as practice saves it, with the given answers and times (two minutes a stage). */
export function sessionFrom(question: Question, answers: Answers, o: { id?: string; overtime?: Partial<Record<StageId, number>> } = {}): SessionRecord {
  const at = '2026-01-02T10:00:00.000Z';
  const stages = makeStages(STAGE_IDS.map((id) => answers[id] ?? ''), { used: 120, allotted: 120, overtime: o.overtime });
  return makeSession({ id: o.id ?? `20260102-100000-test-${question.id}`, createdAt: at, updatedAt: at, question, stages });
}

/** A calibration answer file: `answers:` per stage (read directly; the lead owns the answer-file schema). */
export function calibrationAnswers(questionId: string, tier: string): Answers {
  const doc = parse(readFileSync(join(ROOT, 'test/fixtures/calibration', questionId, `${tier}.yaml`), 'utf8')) as { question?: string; answers?: Record<string, unknown> };
  if (doc.question !== questionId) throw new Error(`${questionId}/${tier}.yaml names question ${String(doc.question)}`);
  const out: Answers = {};
  for (const id of STAGE_IDS) {
    const v = doc.answers?.[id];
    out[id] = typeof v === 'string' ? v : '';
  }
  return out;
}

export interface Captured {
  ctx: Context;
  out: () => string;
  err: () => string;
}

/** A context like the CLI's, with stdout and stderr captured (not terminals). */
export function capturedContext(home: string, env: Record<string, string | undefined> = {}, json = false): Captured {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const base = createContext({ json }, { PATH: process.env.PATH, PMCOACH_HOME: home, ...env } as NodeJS.ProcessEnv);
  const ctx: Context = { ...base, color: false, colorLevel: 0, stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream };
  return { ctx, out: () => out, err: () => err };
}

/** Every file under a folder, with its text. */
export function filesUnder(dir: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: p, text: readFileSync(p, 'latin1') });
    }
  };
  walk(dir);
  return out;
}

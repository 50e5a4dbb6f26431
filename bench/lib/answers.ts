import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './measure.js';

/**
 * A folder of `count` answer files cycling through the calibration answers (strong, medium, weak and stuffed
 * of each question). With `candidates`, each file names a candidate of its own, as a cohort's files do.
 */
export function answerFolder(dir: string, count: number, o: { candidates?: boolean } = {}): string {
  mkdirSync(dir, { recursive: true });
  const cal = join(ROOT, 'test', 'fixtures', 'calibration');
  const sources = readdirSync(cal).flatMap((q) => ['strong', 'medium', 'weak', 'stuffed'].map((t) => readFileSync(join(cal, q, `${t}.yaml`), 'utf8')));
  for (let i = 0; i < count; i++) {
    const text = sources[i % sources.length]!;
    writeFileSync(join(dir, `answer-${String(i).padStart(5, '0')}.yaml`), o.candidates ? text.replace(/^candidate: .*$/m, `candidate: Student ${i}`) : text);
  }
  return dir;
}

/**
 * Issue 15: writing the batch requests (JSONL) for 10,000 answer files, and joining a 10,000-line results file
 * back to them (`grade --batch-results`, which validates each reply as the synchronous judge does and grades),
 * with wall time and peak memory; and the same at 2,000 files, to show what grows with the cohort.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completion, criterionIds, scoresJson } from '../test/helpers/openai-server.js';
import { BIN, fmt, timeNode } from './lib/measure.js';
import { answerFolder } from './lib/answers.js';

/** What vllm run-batch would write for a requests file: one reply per line, in reverse order. */
function resultsFor(requests: string, results: string): number {
  const lines = readFileSync(requests, 'utf8').trim().split('\n');
  const out = lines.map((l, n) => {
    const req = JSON.parse(l) as { custom_id: string; body: unknown };
    const ids = criterionIds({ method: 'POST', path: '', headers: {}, body: req.body, at: 0 });
    return JSON.stringify({ id: `vllm-${n}`, custom_id: req.custom_id, response: { status_code: 200, request_id: `r${n}`, body: completion(scoresJson(ids, { score: 4 })) }, error: null });
  });
  writeFileSync(results, out.reverse().join('\n') + '\n');
  return lines.length;
}

export default async function (): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'pmcoach-bench-batch-'));
  const env = { PMCOACH_HOME: home, NO_COLOR: '1' };
  const llm = ['--model', 'test-model', '--base-url', 'http://127.0.0.1:9/v1'];
  try {
    for (const count of [2000, 10_000]) {
      const dir = answerFolder(join(home, `cohort-${count}`), count, { candidates: true });
      const requests = join(home, `requests-${count}.jsonl`);
      const write = timeNode([BIN, 'grade', dir, '--batch-file', requests, ...llm], { env, runs: 3 });
      const size = readFileSync(requests).length;
      const results = join(home, `results-${count}.jsonl`);
      const lines = resultsFor(requests, results);
      const join_ = timeNode([BIN, 'grade', dir, '--batch-results', results, ...llm, '--json'], { env, runs: 3 });
      console.log(`${count.toLocaleString('en-US')} answer files (median of 3 runs, each a whole pmcoach run):`);
      console.log(`  write requests JSONL    ${fmt(write.ms)}  peak ${write.peakMiB.toFixed(0)} MiB  (${lines.toLocaleString('en-US')} requests, ${(size / 1024 / 1024).toFixed(1)} MB)`);
      console.log(`  join results + grade    ${fmt(join_.ms)}  peak ${join_.peakMiB.toFixed(0)} MiB  (${lines.toLocaleString('en-US')} result lines, JSON of every result on stdout)`);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

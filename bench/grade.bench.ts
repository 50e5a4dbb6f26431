/**
 * Issue 5: `pmcoach grade` of 200 answer files against a local OpenAI-compatible server that waits 300 ms per
 * request, --concurrency 10 (ideal: 200 / 10 x 0.3 s = 6 s; target within 1.25x plus start-up), and offline
 * grading of 1,000 answer files (target: under 2 s in all), with peak memory.
 * Issue 10: offline grading of those 1,000 files within 1.6x of `pmcoach validate` on the same files, both
 * measured in this run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scores, startOpenAiServer } from '../test/helpers/openai-server.js';
import { BIN, fmt, timeNode, timeNodeAsync, timeNodePair } from './lib/measure.js';
import { answerFolder } from './lib/answers.js';

export default async function (): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'pmcoach-bench-grade-'));
  const env = { PMCOACH_HOME: home, NO_COLOR: '1' };
  const server = await startOpenAiServer();
  try {
    const base = timeNode([BIN, '--version'], { env, runs: 5 });
    const two = answerFolder(join(home, 'two-hundred'), 200);
    const score = scores({ score: 4 });
    server.setDefault((req) => ({ ...score(req), delayMs: 300 }));
    server.requests.length = 0;
    const llm = await timeNodeAsync([BIN, 'grade', two, '--base-url', server.url, '--model', 'test-model', '--concurrency', '10', '--json'], { env, runs: 3 });
    const perRun = server.chats().length / 5; // a warm-up, three timed runs and one for memory
    const ideal = (200 / 10) * 300;
    console.log('LLM grading, 200 files, server waits 300 ms per request, --concurrency 10 (median of 3 runs):');
    console.log(`  requests per run       ${perRun}`);
    console.log(`  pmcoach start-up       ${fmt(base.ms)} (pmcoach --version)`);
    console.log(`  wall time              ${fmt(llm.ms)}  ideal ${fmt(ideal)}  ratio ${((llm.ms - base.ms) / ideal).toFixed(3)}x without start-up (target <= 1.25x)  peak ${llm.peakMiB.toFixed(0)} MiB`);

    const thousand = answerFolder(join(home, 'thousand'), 1000);
    const { a: offline, b: validate, ratio } = timeNodePair([BIN, 'grade', thousand, '--json'], [BIN, 'validate', thousand], { env, runs: 9 });
    console.log('Offline grading, 1,000 files, against validate on the same files (9 runs each, in turns):');
    console.log(`  grade                  ${fmt(offline.ms)} median (target < 2000 ms)  peak ${offline.peakMiB.toFixed(0)} MiB`);
    console.log(`  validate               ${fmt(validate.ms)} median  peak ${validate.peakMiB.toFixed(0)} MiB`);
    console.log(`  ratio                  ${ratio.toFixed(2)}x median of the turns' ratios, ${(offline.ms / validate.ms).toFixed(2)}x of the medians (target <= 1.6x)`);
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
}

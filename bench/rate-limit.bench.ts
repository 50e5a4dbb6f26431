/**
 * Issue 14 item 9: `grade` of 300 answer files against a server that takes 200 ms per request and answers 20%
 * of requests with 429 and `retry-after: 1`, at --concurrency 50, against the same run without 429s (target:
 * within 4x). Before AIMD, each 429 halved the limit and restarted a quiet window, and the batch fell to about
 * one request in flight.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { faults, scores, startOpenAiServer } from '../test/helpers/openai-server.js';
import { BIN, fmt, timeNode, timeNodeAsync } from './lib/measure.js';
import { answerFolder } from './lib/answers.js';

/** A repeatable stream of numbers in [0, 1). */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** How many files of one run the offline judge scored because the LLM judge gave up. */
function fallbacks(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve((JSON.parse(out) as Array<{ score: { judge: { kind: string } } }>).filter((g) => g.score.judge.kind !== 'llm').length));
  });
}

export default async function (): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'pmcoach-bench-429-'));
  const env = { PMCOACH_HOME: home, NO_COLOR: '1' };
  const server = await startOpenAiServer();
  try {
    const dir = answerFolder(join(home, 'cohort'), 300);
    const base = timeNode([BIN, '--version'], { env, runs: 5 });
    const args = [BIN, 'grade', dir, '--base-url', server.url, '--model', 'test-model', '--concurrency', '50', '--json'];
    const ok = scores({ score: 4 });
    server.setDefault((req) => ({ ...ok(req), delayMs: 200 }));
    const clean = await timeNodeAsync(args, { env, runs: 3 });

    const random = seeded(42);
    let limited = 0;
    server.setDefault((req) => (random() < 0.2 ? (limited++, faults.rateLimited(1)) : { ...ok(req), delayMs: 200 }));
    server.requests.length = 0;
    const stormy = await timeNodeAsync(args, { env, runs: 3 });
    const perRun = server.chats().length / 5;
    const fell = await fallbacks(args, env);

    console.log('LLM grading, 300 files, 200 ms per request, --concurrency 50 (median of 3 runs):');
    console.log(`  pmcoach start-up        ${fmt(base.ms)} (pmcoach --version)`);
    console.log(`  without 429s            ${fmt(clean.ms)}  (ideal 300 / 50 x 200 ms = 1200 ms)`);
    console.log(`  20% 429, retry-after 1  ${fmt(stormy.ms)}  ratio ${(stormy.ms / clean.ms).toFixed(2)}x (target <= 4x)  ${(limited / 5).toFixed(0)} 429s and ${perRun.toFixed(0)} requests per run  peak ${stormy.peakMiB.toFixed(0)} MiB`);
    console.log(`  files scored offline because the LLM judge gave up: ${fell} of 300 (one more run)`);
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
}

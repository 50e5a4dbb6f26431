import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'pmcoach.js');

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const RSS_HOOK = `import { writeFileSync } from 'node:fs';
process.on('exit', () => { if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); });
`;

export interface RunStats {
  /** Median wall time in milliseconds. */
  ms: number;
  all: number[];
  /** Peak resident memory of the last run, in MiB. */
  peakMiB: number;
}

/** Runs a node command once and returns its wall time in ms; `withHook` also records its peak memory in `rssFile`. */
function nodeRunner(args: string[], env: NodeJS.ProcessEnv, cwd: string, hook: string): (withHook?: boolean) => number {
  return (withHook = false) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [...(withHook ? ['--import', hook] : []), ...args], { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
    return ms;
  };
}

/** A temp folder with the memory hook, and the file it writes. */
function memoryHook(): { dir: string; hook: string; rssFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pmcoach-bench-'));
  const hook = join(dir, 'rss.mjs');
  writeFileSync(hook, RSS_HOOK);
  return { dir, hook, rssFile: join(dir, 'rss') };
}

/**
 * Times a node command `runs` times after one warm-up run, then reads its peak memory in one more run through a
 * preload hook (kept out of the timed runs, since the hook itself costs start-up time).
 */
export function timeNode(args: string[], options: { runs?: number; env?: Record<string, string>; cwd?: string } = {}): RunStats {
  const { dir, hook, rssFile } = memoryHook();
  const run = nodeRunner(args, { ...process.env, ...options.env, BENCH_RSS_FILE: rssFile }, options.cwd ?? ROOT, hook);
  run();
  const all = Array.from({ length: options.runs ?? 15 }, () => run());
  run(true);
  const peakMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(dir, { recursive: true, force: true });
  return { ms: median(all), all, peakMiB };
}

/**
 * Times two node commands in turns (a, b, a, b...), so that a shared machine's load falls on both alike, and
 * gives the median of the ratios a/b of each turn next to each command's own figures.
 */
export function timeNodePair(a: string[], b: string[], options: { runs?: number; env?: Record<string, string>; cwd?: string } = {}): { a: RunStats; b: RunStats; ratio: number } {
  const { dir, hook, rssFile } = memoryHook();
  const env = { ...process.env, ...options.env, BENCH_RSS_FILE: rssFile };
  const cwd = options.cwd ?? ROOT;
  const [runA, runB] = [nodeRunner(a, env, cwd, hook), nodeRunner(b, env, cwd, hook)];
  runA();
  runB();
  const turns = Array.from({ length: options.runs ?? 15 }, () => [runA(), runB()] as const);
  const peak = (run: (withHook?: boolean) => number): number => (run(true), Number(readFileSync(rssFile, 'utf8')) / 1024);
  const stats = (i: 0 | 1, run: (withHook?: boolean) => number): RunStats => ({ ms: median(turns.map((t) => t[i])), all: turns.map((t) => t[i]), peakMiB: peak(run) });
  const result = { a: stats(0, runA), b: stats(1, runB), ratio: median(turns.map(([x, y]) => x / y)) };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

export const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

/** Like timeNode, but without blocking this process: for commands that talk to a server running here. */
export async function timeNodeAsync(args: string[], options: { runs?: number; env?: Record<string, string>; cwd?: string } = {}): Promise<RunStats> {
  const { dir, hook, rssFile } = memoryHook();
  const env = { ...process.env, ...options.env, BENCH_RSS_FILE: rssFile };
  const run = (withHook = false): Promise<number> =>
    new Promise((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const child = spawn(process.execPath, [...(withHook ? ['--import', hook] : []), ...args], { env, cwd: options.cwd ?? ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
        else resolve(ms);
      });
    });
  await run();
  const all: number[] = [];
  for (let i = 0; i < (options.runs ?? 15); i++) all.push(await run());
  await run(true);
  const peakMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(dir, { recursive: true, force: true });
  return { ms: median(all), all, peakMiB };
}

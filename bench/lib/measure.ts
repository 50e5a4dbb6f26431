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

/**
 * Times a node command `runs` times after one warm-up run, then reads its peak memory in one more run through a
 * preload hook (kept out of the timed runs, since the hook itself costs start-up time).
 */
export function timeNode(args: string[], options: { runs?: number; env?: Record<string, string>; cwd?: string } = {}): RunStats {
  const dir = mkdtempSync(join(tmpdir(), 'pmcoach-bench-'));
  const hook = join(dir, 'rss.mjs');
  const rssFile = join(dir, 'rss');
  writeFileSync(hook, RSS_HOOK);
  const env = { ...process.env, ...options.env, BENCH_RSS_FILE: rssFile };
  const run = (withHook = false): number => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [...(withHook ? ['--import', hook] : []), ...args], { env, cwd: options.cwd ?? ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
    return ms;
  };
  // The memory hook costs start-up time of its own: the timed runs go without it, one more run reads memory.
  run();
  const all = Array.from({ length: options.runs ?? 15 }, () => run());
  run(true);
  const peakMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(dir, { recursive: true, force: true });
  return { ms: median(all), all, peakMiB };
}

export const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

/** Like timeNode, but without blocking this process: for commands that talk to a server running here. */
export async function timeNodeAsync(args: string[], options: { runs?: number; env?: Record<string, string>; cwd?: string } = {}): Promise<RunStats> {
  const dir = mkdtempSync(join(tmpdir(), 'pmcoach-bench-'));
  const hook = join(dir, 'rss.mjs');
  const rssFile = join(dir, 'rss');
  writeFileSync(hook, RSS_HOOK);
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

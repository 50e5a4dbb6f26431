/**
 * Issue 3: `pmcoach practice` in a real pseudo-terminal.
 *  1. CPU used by the practice process over 20 s of idle waiting with the countdown running
 *     (read from /proc/<pid>/stat, utime + stime; target: under 2% of one core).
 *  2. Key echo latency: time from writing one key to the pty until the key shows in the output,
 *     with an empty answer, with a 5,000-word answer in 50 paragraphs, and in one single paragraph.
 * Run alone: npm run build && node --import tsx bench/practice-idle.bench.ts
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median } from './lib/measure.js';
import { KEY, spawnPmcoach, stripAnsi, type PtyRun } from '../test/helpers/pty.js';

const IDLE_SECONDS = 20;
const KEYS = 60;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function clockTicks(): number {
  try {
    return Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12.
  return Number(fields[11]) + Number(fields[12]);
}

function startPractice(home: string): PtyRun {
  // The long fixture's stages take 3 minutes each: the countdown runs throughout the measurement.
  return spawnPmcoach(['--questions', 'test/fixtures/practice', 'practice', 'fixture-practice-long'], { home, cols: 100, rows: 30 });
}

async function idleCpu(home: string): Promise<{ ms: number; percent: number; redraws: number }> {
  const p = startPractice(home);
  try {
    await p.waitFor('▸ Clarifying questions');
    await sleep(1000); // let start-up work settle
    const hz = clockTicks();
    const before = cpuTicks(p.pid);
    const mark = p.mark();
    const t0 = process.hrtime.bigint();
    await sleep(IDLE_SECONDS * 1000);
    const after = cpuTicks(p.pid);
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const ms = ((after - before) * 1000) / hz;
    const redraws = (p.raw().slice(mark).match(/ left/g) ?? []).length;
    return { ms, percent: (ms / wallMs) * 100, redraws };
  } finally {
    p.kill('SIGKILL');
  }
}

function fiveThousandWords(paragraphs: number): string {
  const vocab = ['retention', 'revenue', 'advertisers', 'holdout', 'guardrail', 'segment', 'metric', 'trade-off', 'users', 'weekly'];
  const words = Array.from({ length: 5000 }, (_, i) => vocab[i % vocab.length]!);
  const per = Math.ceil(words.length / paragraphs);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += per) out.push(words.slice(i, i + per).join(' '));
  return out.join('\n');
}

/** Milliseconds from writing each key until the output shows it. Keys are letters that appear nowhere else on screen. */
async function echoLatency(home: string, answer: string): Promise<number[]> {
  const p = startPractice(home);
  try {
    await p.waitFor('▸ Clarifying questions');
    if (answer) {
      p.write(KEY.pasteStart + answer + KEY.pasteEnd);
      const lastWord = answer.slice(answer.lastIndexOf(' ') + 1);
      await p.waitFor(lastWord, { timeoutMs: 20_000 });
      p.write(' ');
      await sleep(300);
    }
    const letters = 'zxjvk';
    const times: number[] = [];
    for (let i = 0; i < KEYS; i++) {
      const ch = letters[i % letters.length]!;
      const mark = p.mark();
      const t0 = process.hrtime.bigint();
      p.write(ch);
      await new Promise<void>((resolve) => {
        const poll = (): void => {
          if (stripAnsi(p.raw().slice(mark)).includes(ch)) resolve();
          else setImmediate(poll);
        };
        poll();
      });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      await sleep(20);
    }
    return times;
  } finally {
    p.kill('SIGKILL');
  }
}

function describe(times: number[]): string {
  const s = [...times].sort((a, b) => a - b);
  const p95 = s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
  return `median ${median(times).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${s.at(-1)!.toFixed(2)} ms (${times.length} keys)`;
}

export default async function practiceIdle(): Promise<void> {
  if (process.platform !== 'linux') {
    console.log('practice-idle: skipped (reads /proc, Linux only)');
    return;
  }
  const home = mkdtempSync(join(tmpdir(), 'pmcoach-bench-practice-'));
  try {
    const idle = await idleCpu(home);
    console.log(
      `idle CPU with the countdown running: ${idle.ms.toFixed(0)} ms over ${IDLE_SECONDS} s = ${idle.percent.toFixed(2)}% of one core ` +
        `(target < 2%: ${idle.percent < 2 ? 'ok' : 'MISSED'}); ${idle.redraws} countdown redraws`,
    );
    console.log(`key echo, empty answer:                       ${describe(await echoLatency(home, ''))}`);
    console.log(`key echo, 5,000-word answer in 50 paragraphs: ${describe(await echoLatency(home, fiveThousandWords(50)))}`);
    console.log(`key echo, 5,000-word answer in one paragraph: ${describe(await echoLatency(home, fiveThousandWords(1)))}`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await practiceIdle();

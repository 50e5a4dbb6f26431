/**
 * Issue 5 (history and transcripts): `pmcoach history`, `stats` and `export latest` on a PMCOACH_HOME with
 * 1,000 saved sessions, against `node -e 0`; and the pure parts in-process (markdown for 1,000 sessions,
 * stats, pickFocus over a 1,000-question bank). No target in the issue: figures for the note.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionRecord } from '../src/session/types.js';
import { renderSessionMarkdown } from '../src/transcript/markdown.js';
import { computeStats } from '../src/history/stats.js';
import { pickFocus } from '../src/history/focus.js';
import { BIN, ROOT, fmt, timeNode } from './lib/measure.js';

function generate(base: SessionRecord[], n: number): SessionRecord[] {
  const out: SessionRecord[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < n; i++) {
    const b = base[i % base.length]!;
    const createdAt = new Date(start + i * 7 * 3_600_000).toISOString();
    const score = b.score && { ...b.score, overall: (b.score.overall + i * 7) % 100, criteria: b.score.criteria.map((c, k) => ({ ...c, score: 1 + ((i + k) % 5) })) };
    out.push({ ...b, id: `bench-${String(i).padStart(5, '0')}-${b.question.id}`, createdAt, updatedAt: createdAt, ...(score ? { score } : {}) });
  }
  return out;
}

function timeIt(fn: () => void, runs = 5): number {
  fn();
  const all: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    all.push(performance.now() - t0);
  }
  return all.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export default async function (): Promise<void> {
  const dir = join(ROOT, 'test/fixtures/sessions');
  const base = readdirSync(dir).flatMap((f) => {
    try {
      const s = JSON.parse(readFileSync(join(dir, f), 'utf8')) as SessionRecord;
      return typeof s.stages?.[0]?.text === 'string' && typeof s.score?.overall !== 'string' ? [s] : [];
    } catch {
      return [];
    }
  });
  const sessions = generate(base, 1000);
  const home = mkdtempSync(join(tmpdir(), 'pmcoach-bench-history-'));
  try {
    mkdirSync(join(home, 'sessions'));
    for (const s of sessions) writeFileSync(join(home, 'sessions', `${s.id}.json`), JSON.stringify(s, null, 2));
    const env = { PMCOACH_HOME: home, NO_COLOR: '1' };
    const node = timeNode(['-e', '0'], { env, runs: 7 });
    console.log('1,000 saved sessions (median of 7 runs, after a warm-up):');
    console.log(`  node -e 0                 ${fmt(node.ms)}`);
    for (const args of [['history'], ['history', '--json'], ['stats'], ['export', 'latest']]) {
      const r = timeNode([BIN, ...args], { env, runs: 7 });
      console.log(`  pmcoach ${args.join(' ').padEnd(17)} ${fmt(r.ms)}  peak ${r.peakMiB.toFixed(0)} MiB`);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  const today = new Date(Date.UTC(2026, 5, 1));
  const questions = sessions.map((s, i) => ({ ...s.question, id: `${s.question.id}-${i}` }));
  let seed = 1;
  const rng = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  console.log('In-process, 1,000 sessions (median of 5):');
  console.log(`  markdown for all          ${fmt(timeIt(() => sessions.forEach((s) => renderSessionMarkdown(s))))}`);
  console.log(`  computeStats (last 10)    ${fmt(timeIt(() => computeStats(sessions, { today })))}`);
  console.log(`  computeStats (last 1000)  ${fmt(timeIt(() => computeStats(sessions, { today, last: 1000 })))}`);
  console.log(`  pickFocus, 1,000 questions ${fmt(timeIt(() => pickFocus(questions, sessions, rng)))}`);
}

/**
 * Issues 2 and 12: `pmcoach --help` and `pmcoach list` on the bundled bank, against `node -e 0` on the same
 * machine in the same run (target: within 1.7x, with chalk bundled); issue 9: what registering only the named
 * command saves over registering all of them (cold, in a fresh process each time); and `pmcoach list --json` on a generated bank of 10,000 questions in 200 files
 * against a plain script that only reads and yaml.parse's the same files (target: within 2x).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, fmt, median, timeNode } from './lib/measure.js';

function generateBank(dir: string, files: number, perFile: number): void {
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < files; f++) {
    const questions = Array.from({ length: perFile }, (_, i) => {
      const n = f * perFile + i;
      return {
        id: `gen-${n}`,
        title: `Generated trade-off ${n}: growth vs. trust`,
        prompt: `Should Company ${n % 97} ship feature ${n} that raises engagement but risks user trust?`,
        company: `Company ${n % 97}`,
        difficulty: (['easy', 'medium', 'hard'] as const)[n % 3],
        tags: ['generated', `t${n % 13}`, 'e-commerce'],
        facts: [
          { topic: 'usage', keywords: ['usage', 'users'], answer: `${n % 50} million weekly users.` },
          { topic: 'revenue', keywords: ['revenue', 'money'], answer: `Revenue grew ${n % 30}% last year.` },
          { topic: 'markets', keywords: ['market', 'region'], answer: 'US and EU.' },
        ],
        reference: {
          clarifying: ['which users', 'which markets'],
          stakeholders: ['buyers', 'sellers', 'legal'],
          metrics: ['weekly active buyers', 'complaint rate'],
          experiments: ['A/B test in one market'],
          recommendation: ['ship to a segment first'],
        },
        follow_ups: ['What if trust drops?', 'What if revenue falls?'],
      };
    });
    writeFileSync(join(dir, `bank-${String(f).padStart(3, '0')}.yaml`), stringify({ questions }));
  }
}

const PLAIN = `
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
const dir = process.argv[2];
let n = 0;
for (const f of readdirSync(dir)) n += parse(readFileSync(join(dir, f), 'utf8')).questions.length;
if (n !== 10000) throw new Error('expected 10000, got ' + n);
`;

/** Instructions each node command runs, counted by callgrind; undefined without valgrind. */
function instructions(commands: string[][], env: Record<string, string>): number[] | undefined {
  if (spawnSync('valgrind', ['--version']).status !== 0) return undefined;
  return commands.map((args) => {
    const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    const m = /Collected : (\d+)/.exec(r.stderr);
    if (!m) throw new Error(`callgrind gave no count for ${args.join(' ')}: ${r.stderr.slice(-300)}`);
    return Number(m[1]);
  });
}

/** Milliseconds buildProgram(only) takes the first time in a fresh process (commander already loaded). */
function registration(only: string | undefined): number {
  const script = `
    import { Command } from 'commander';
    new Command('warm').option('--x');
    const { buildProgram } = await import(${JSON.stringify(new URL('../src/cli/program.ts', import.meta.url).href)});
    const t0 = performance.now();
    buildProgram(${only === undefined ? 'undefined' : JSON.stringify(only)});
    process.stdout.write(String(performance.now() - t0));
  `;
  const runs: number[] = [];
  for (let i = 0; i < 16; i++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    if (i > 0) runs.push(Number(r.stdout));
  }
  return median(runs);
}

export default async function (): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'pmcoach-bench-home-'));
  const env = { PMCOACH_HOME: home, NO_COLOR: '1' };
  try {
    const base = timeNode(['-e', '0'], { env });
    const help = timeNode([BIN, '--help'], { env });
    const list = timeNode([BIN, 'list'], { env });
    console.log('Start-up (median of 15 runs, after a warm-up):');
    console.log(`  node -e 0         ${fmt(base.ms)}`);
    console.log(`  pmcoach --help    ${fmt(help.ms)}  ratio ${(help.ms / base.ms).toFixed(2)}x (target <= 1.7x)`);
    console.log(`  pmcoach list      ${fmt(list.ms)}  ratio ${(list.ms / base.ms).toFixed(2)}x (target <= 1.7x)`);
    const counted = instructions([['-e', '0'], [BIN, '--help'], [BIN, 'list']], env);
    if (counted) {
      const [b, h, l] = counted;
      console.log('Instructions (valgrind --tool=callgrind: the same count run to run, whatever else the machine does):');
      console.log(`  node -e 0         ${(b! / 1e6).toFixed(0)} M`);
      console.log(`  pmcoach --help    ${(h! / 1e6).toFixed(0)} M  ratio ${(h! / b!).toFixed(2)}x`);
      console.log(`  pmcoach list      ${(l! / 1e6).toFixed(0)} M  ratio ${(l! / b!).toFixed(2)}x`);
    } else console.log('Instructions: valgrind not found, skipped (apt-get install valgrind)');
    const one = registration('list');
    const all = registration(undefined);
    console.log('Building the commander program, cold (median of 15 fresh processes):');
    console.log(`  only the named command   ${one.toFixed(2)} ms`);
    console.log(`  every command            ${all.toFixed(2)} ms  (difference ${(all - one).toFixed(2)} ms; registering one is worth it only above 1 ms)`);

    const bankDir = join(home, 'generated');
    generateBank(bankDir, 200, 50);
    const plainScript = join(home, 'plain.mjs');
    writeFileSync(plainScript, PLAIN);
    const yamlUrl = new URL('../node_modules/yaml/dist/index.js', import.meta.url).href;
    writeFileSync(plainScript, PLAIN.replace("from 'yaml'", `from '${yamlUrl}'`));
    const plain = timeNode([plainScript, bankDir], { env, runs: 5 });
    // Cold: no parsed-bank cache (a fresh PMCOACH_HOME each run); warm: the cache from the previous run.
    const cold = timeNode([BIN, '--questions', bankDir, 'list', '--json'], { env: { ...env, PMCOACH_HOME: join(home, 'cold-never-cached'), PMCOACH_NO_CACHE: '1' }, runs: 5 });
    const warm = timeNode([BIN, '--questions', bankDir, 'list', '--json'], { env, runs: 5 });
    console.log('10,000 questions in 200 files (median of 5 runs):');
    console.log(`  read + yaml.parse only        ${fmt(plain.ms)}  peak ${plain.peakMiB.toFixed(0)} MiB`);
    console.log(`  pmcoach list --json (cold)    ${fmt(cold.ms)}  ratio ${(cold.ms / plain.ms).toFixed(2)}x (target <= 2x)  peak ${cold.peakMiB.toFixed(0)} MiB`);
    console.log(`  pmcoach list --json (cached)  ${fmt(warm.ms)}  ratio ${(warm.ms / plain.ms).toFixed(2)}x  peak ${warm.peakMiB.toFixed(0)} MiB`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome, ROOT } from '../helpers/cli.js';
import { scores, startOpenAiServer, type TestServer } from '../helpers/openai-server.js';

const COHORT = join(ROOT, 'test', 'fixtures', 'cohort-human');
let home: string;
let cleanup: () => void;
let server: TestServer;
beforeEach(async () => {
  ({ home, cleanup } = tempHome());
  server = await startOpenAiServer();
  server.setDefault(scores({ score: 4 }));
});
afterEach(async () => {
  await server.close();
  cleanup();
});

interface Report {
  schemaVersion: number;
  kind: string;
  judge: string;
  reference: string;
  n: number;
  criteria: Array<{ id: string; n: number; exact: number | null; withinOne: number | null; qwk: number | null; spearman: number | null; bias: number | null }>;
  overall: { n: number; pearson: number | null; mae: number | null };
  worst: Array<{ file: string; distance: number }>;
}

const llm = () => ['--base-url', server.url, '--model', 'test-model'];

describe('pmcoach calibrate', () => {
  it("measures the judge against the coach's grades in the files that have them (--json)", async () => {
    const r = await runCli(['calibrate', COHORT, ...llm(), '--json'], { home });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('1 file without human: grades left out.\n');
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep).toMatchObject({ schemaVersion: 1, kind: 'pmcoach.calibration', n: 6, reference: 'the coach (human: grades)' });
    expect(rep.judge).toBe(`test-model at ${server.url}`);
    expect(rep.criteria.map((c) => c.id)).toEqual(['clarification', 'stakeholders', 'metrics', 'experiments', 'decision', 'communication']);
    // The judge gives 4 everywhere; the coach's clarification grades are 3, 5, 1, 3, 4, 2.
    expect(rep.criteria[0]).toEqual({ id: 'clarification', n: 6, exact: 1 / 6, withinOne: 4 / 6, qwk: 0, spearman: null, bias: 1 });
    expect(rep.overall.n).toBe(6);
    expect(rep.overall.pearson).toBeNull();
    expect(rep.overall.mae).toBeGreaterThan(0);
    expect(rep.worst.map((w) => [w.file.split('/').pop(), w.distance]).slice(0, 2)).toEqual([['uber-weak.yaml', 15], ['amazon-weak.yaml', 14]]);
    expect(server.chats()).toHaveLength(6);
  });

  it('prints a table and writes a markdown report with --out', async () => {
    const out = join(home, 'report.md');
    const r = await runCli(['calibrate', COHORT, ...llm(), '--out', out], { home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^CRITERION\s+N\s+EXACT\s+WITHIN 1\s+QWK\s+SPEARMAN\s+BIAS$/m);
    expect(r.stdout).toMatch(/^clarification\s+6\s+17%\s+67%\s+0\.00\s+n\/a\s+\+1\.00$/m);
    expect(r.stdout).toMatch(/^Overall score: Pearson r n\/a, mean absolute error [\d.]+ points \(6 files\)\.$/m);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/^# Calibration$/m);
    expect(md).toMatch(/^\| clarification \| 6 \| 17% \| 67% \| 0\.00 \| n\/a \| \+1\.00 \|$/m);
    expect(md).toMatch(/^## Largest disagreements$/m);
  });

  it('--against offline compares two judges on every file instead', async () => {
    const r = await runCli(['calibrate', COHORT, ...llm(), '--against', 'offline', '--json'], { home });
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.n).toBe(7);
    expect(rep.reference).toBe('offline estimate');
    expect(rep.overall.n).toBe(7);
  });

  it('works through --batch too', async () => {
    const r = await runCli(['calibrate', COHORT, ...llm(), '--batch', '--json'], { home, env: { PMCOACH_POLL_MS: '20' } });
    expect(r.code).toBe(0);
    expect(server.chats()).toHaveLength(0);
    expect((JSON.parse(r.stdout) as Report).criteria[0]!.bias).toBe(1);
  });

  it('reports bad human grades with file:line:col, and says how to add them when none are there', async () => {
    const bad = join(home, 'bad.yaml');
    writeFileSync(bad, readFileSync(join(COHORT, 'amazon-medium.yaml'), 'utf8').replace('  metrics: 3', '  metric: 3').replace('  decision: 3', '  decision: 7'));
    const r = await runCli(['calibrate', bad], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:13 {2}human\.decision: must be a whole number from 1 to 5/);
    const fixed = readFileSync(bad, 'utf8').replace('  decision: 7', '  decision: 3');
    writeFileSync(bad, fixed);
    const line = fixed.split('\n').findIndex((l) => l === '  metric: 3') + 1;
    const r2 = await runCli(['calibrate', bad], { home });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(`bad.yaml:${line}:3  human.metric: not a criterion of rubric "trade-off"; did you mean "metrics"?`);
    expect(r2.stderr).not.toMatch(/\n\s+at /);
    const v = await runCli(['validate', bad], { home });
    expect(v.code).toBe(1);
    expect(v.stdout).toContain(`bad.yaml:${line}:3  human.metric: not a criterion of rubric "trade-off"; did you mean "metrics"?`);

    const plain = join(home, 'plain.yaml');
    cpSync(join(COHORT, 'stripe-strong-ungraded.yaml'), plain);
    const r3 = await runCli(['calibrate', plain], { home });
    expect(r3.code).toBe(1);
    expect(r3.stderr).toMatch(/^pmcoach: no answer files with a coach's grades in .*plain\.yaml; add human: \{ clarification: 3, \.\.\. \}/);
  });
});

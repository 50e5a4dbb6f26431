import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/cli.js';

// Runs the BUILT binary: build first (npm run build).
let home: string;
let cleanup: () => void;
beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(() => cleanup());

const FILE = 'test/fixtures/calibration/amazon-personalization-privacy/medium.yaml';

describe('the model answer in transcripts', () => {
  it('grade --out writes it as an appendix; --no-model-answer leaves it out (for handing transcripts to candidates)', async () => {
    const withIt = join(home, 'with');
    const without = join(home, 'without');
    expect((await runCli(['grade', FILE, '--out', withIt, '--json'], { home })).code).toBe(0);
    expect((await runCli(['grade', FILE, '--out', without, '--json', '--no-model-answer'], { home })).code).toBe(0);
    const md = (dir: string) => readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.md'))!), 'utf8');
    const json = (dir: string) => JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.json'))!), 'utf8'));
    expect(md(withIt)).toMatch(/^## Model answer$/m);
    expect(md(withIt)).toMatch(/^### Recommendation$/m);
    expect(md(withIt)).toContain('a guide, not a checklist');
    expect(json(withIt).question.model_answer.recommendation).toBeTypeOf('string');
    expect(md(without)).not.toMatch(/Model answer/);
    expect(json(without).question.model_answer).toBeUndefined();
  });

  it('export has it too, unless --no-model-answer', async () => {
    await runCli(['grade', FILE, '--save'], { home });
    const full = await runCli(['export', 'latest'], { home });
    expect(full.stdout).toMatch(/^## Model answer$/m);
    const bare = await runCli(['export', 'latest', '--no-model-answer'], { home });
    expect(bare.code).toBe(0);
    expect(bare.stdout).not.toMatch(/Model answer/);
    expect(bare.stdout).toMatch(/^## Scores$/m);
  });
});

describe('--level', () => {
  const UBER = 'test/fixtures/calibration/uber-surge-pricing-cap/medium.yaml';
  it('the same answer gets the verdict of the level it is judged for, and the level is saved with the score', async () => {
    const at = async (...extra: string[]) => JSON.parse((await runCli(['grade', UBER, '--json', ...extra], { home })).stdout)[0].score;
    const pm = await at();
    const apm = await at('--level', 'apm');
    const staff = await at('--level', 'staff');
    expect(apm.overall).toBe(pm.overall);
    expect(staff.overall).toBe(pm.overall);
    expect(pm.overall).toBeGreaterThanOrEqual(60);
    expect(pm.overall).toBeLessThan(70);
    expect([apm.verdict, pm.verdict, staff.verdict]).toEqual(['hire', 'lean hire', 'lean hire']);
    expect([apm.level, pm.level, staff.level]).toEqual(['apm', 'pm', 'staff']);
    const table = await runCli(['grade', UBER, '--level', 'apm'], { home });
    expect(table.stdout).toMatch(/hire/);
  });

  it('comes from the config file (config set level) and refuses a level it does not know', async () => {
    expect((await runCli(['config', 'set', 'level', 'apm'], { home })).code).toBe(0);
    const r = JSON.parse((await runCli(['grade', UBER, '--json'], { home })).stdout)[0].score;
    expect(r.level).toBe('apm');
    const bad = await runCli(['config', 'set', 'level', 'principal'], { home });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('pmcoach: level must be apm, pm, senior or staff (the level you interview for: apm, pm, senior or staff (default pm); it moves the verdict bands)\n');
    const flag = await runCli(['grade', UBER, '--level', 'principal'], { home });
    expect(flag.code).toBe(2);
  });
});

describe('retry and compare', () => {
  it('list marks practised questions with their best score (--json carries it); history --question lists the attempts at one', async () => {
    await runCli(['grade', 'test/fixtures/calibration/uber-surge-pricing-cap/weak.yaml', '--save'], { home });
    await runCli(['grade', 'test/fixtures/calibration/uber-surge-pricing-cap/strong.yaml', '--save'], { home });
    await runCli(['grade', 'test/fixtures/calibration/stripe-fraud-decline-threshold/medium.yaml', '--save'], { home });
    const list = JSON.parse((await runCli(['list', '--json'], { home })).stdout) as Array<{ id: string; practised: { attempts: number; best: number } | null }>;
    const uber = list.find((q) => q.id === 'uber-surge-pricing-cap')!;
    expect(uber.practised?.attempts).toBe(2);
    expect(list.find((q) => q.id === 'zoom-free-meeting-limit')!.practised).toBeNull();
    const table = (await runCli(['list'], { home })).stdout;
    expect(table).toMatch(new RegExp(`^uber-surge-pricing-cap\\s+Uber\\s+\\S+\\s+✓ ${uber.practised!.best}\\s`, 'm'));
    const attempts = JSON.parse((await runCli(['history', '--question', 'uber-surge-pricing-cap', '--json'], { home })).stdout) as Array<{ questionId: string }>;
    expect(attempts.map((a) => a.questionId)).toEqual(['uber-surge-pricing-cap', 'uber-surge-pricing-cap']);
  });
});

import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, ROOT } from '../helpers/cli.js';
import { answerStage as answer, KEY, ptyTestbed, type PtyRun, sessionOnly } from '../helpers/pty.js';
import type { SessionRecord } from '../../src/session/types.js';

// Runs the BUILT binary in a pseudo-terminal: build first (npm run build).
const FIXTURES = ['--questions', 'test/fixtures/practice'];
const LONG = 30_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const bed = ptyTestbed({ prefix: 'pmcoach-practice-', args: FIXTURES });
const start = (args: string[], env: Record<string, string> = {}): PtyRun => bed.start(sessionOnly(args), env);

function sessionFiles(): string[] {
  const dir = join(bed.home, 'sessions');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')) : [];
}

function readOnlySession(): SessionRecord {
  const files = sessionFiles();
  expect(files).toHaveLength(1);
  return JSON.parse(readFileSync(join(bed.home, 'sessions', files[0]!), 'utf8')) as SessionRecord;
}


describe('pmcoach practice in a terminal', () => {
  it(
    'walks through all five stages with a moving countdown into overtime, and saves every answer',
    async () => {
      // Each fixture stage is 2 minutes; a time scale of 0.025 gives 3 seconds.
      const p = start(['practice', 'fixture-practice-ads', '--time-scale', '0.025']);
      await p.waitFor('Practice fixture - more ads or more engagement');
      await p.waitFor('▸ Clarifying questions');
      await p.waitFor('00:03 left');
      await p.type('What is the revenue goal?\rWhich markets?');
      await p.waitFor('00:01 left');
      await p.waitFor(/\+00:01 over/);
      p.write(KEY.ctrlD);

      await p.waitFor('▸ Stakeholders', { from: p.mark() });
      await p.type('Users, advertisers,\rcreators.\r.\r');
      await answer(p, 'Metrics', 'Ad revenue per daily user; time spent as guardrail.');
      await answer(p, 'Experiments', 'Holdout at each ad load for 8 weeks.');
      await answer(p, 'Recommendation', 'Ship 1 in 4 with fewer ads for new users.');

      expect((await p.exited).exitCode).toBe(0);
      expect(p.screen()).toContain('5 of 5 stages answered');
      expect(p.screen()).toMatch(/stage 5 of 5/);

      const s = readOnlySession();
      expect(s.status).toBe('finished');
      expect(s.stages.map((x) => [x.id, x.status, x.text])).toEqual([
        ['clarifying', 'done', 'What is the revenue goal?\nWhich markets?'],
        ['stakeholders', 'done', 'Users, advertisers,\ncreators.'],
        ['metrics', 'done', 'Ad revenue per daily user; time spent as guardrail.'],
        ['experiments', 'done', 'Holdout at each ad load for 8 weeks.'],
        ['recommendation', 'done', 'Ship 1 in 4 with fewer ads for new users.'],
      ]);
      expect(s.stages.every((x) => x.secondsAllotted === 3 && x.startedAt && x.endedAt)).toBe(true);
      expect(s.stages[0]!.overtimeSeconds).toBeGreaterThanOrEqual(1);
      expect(s.stages[0]!.secondsUsed).toBe(s.stages[0]!.secondsAllotted + s.stages[0]!.overtimeSeconds);
      expect(s.settings).toEqual({ hardStop: false, timeScale: 0.025, timer: true });
    },
    LONG,
  );

  it(
    'Ctrl-C saves the draft and exits 130; resume continues the stage with its draft and time left; nothing is lost',
    async () => {
      const p = start(['practice', 'fixture-practice-long']);
      await answer(p, 'Clarifying questions', 'Is revenue the goal?');
      await p.waitFor('▸ Stakeholders', { from: p.mark() });
      await p.type('Shoppers who lose time');
      await sleep(1600);
      p.write(KEY.ctrlC);
      expect((await p.exited).exitCode).toBe(130);
      const id = /Saved\. Resume with: pmcoach resume (\S+)/.exec(p.screen())?.[1];
      expect(id).toBeDefined();

      const saved = readOnlySession();
      expect(saved.id).toBe(id);
      expect(saved.status).toBe('in-progress');
      expect(saved.stages[0]).toMatchObject({ status: 'done', text: 'Is revenue the goal?' });
      expect(saved.stages[1]).toMatchObject({ status: 'active', text: 'Shoppers who lose time' });
      const used = saved.stages[1]!.secondsUsed;
      expect(used).toBeGreaterThanOrEqual(1);

      const listed = await runCli(['sessions', '--json'], { home: bed.home });
      expect(JSON.parse(listed.stdout)).toMatchObject([{ id, status: 'in-progress', stage: 'stakeholders', stagesAnswered: 1 }]);

      const r = start(['resume']);
      await r.waitFor('▸ Stakeholders');
      await r.waitFor('Shoppers who lose time');
      const left = saved.stages[1]!.secondsAllotted - used;
      await r.waitFor(`${String(Math.floor(left / 60)).padStart(2, '0')}:${String(left % 60).padStart(2, '0')} left`);
      await r.type(' and sellers.');
      r.write(KEY.ctrlD);
      await answer(r, 'Metrics', 'Conversion rate.');
      await answer(r, 'Experiments', 'A/B test for two weeks.');
      await r.waitFor('▸ Recommendation', { from: r.mark() });
      await r.type(':skip\r');
      expect((await r.exited).exitCode).toBe(0);

      const done = readOnlySession();
      expect(done.status).toBe('finished');
      expect(done.stages.map((x) => [x.status, x.text])).toEqual([
        ['done', 'Is revenue the goal?'],
        ['done', 'Shoppers who lose time and sellers.'],
        ['done', 'Conversion rate.'],
        ['done', 'A/B test for two weeks.'],
        ['skipped', ''],
      ]);
      expect(done.stages[1]!.secondsUsed).toBeGreaterThanOrEqual(used);
      expect(done.stages[1]!.startedAt).toBe(saved.stages[1]!.startedAt);

      const after = await runCli(['sessions'], { home: bed.home });
      expect(after.stdout).toMatch(/Finished \(1\)/);
      expect(after.stdout).toContain(id!);
    },
    LONG,
  );

  it(
    'kill -9 mid-stage leaves a session file that parses and holds the draft (autosave every 300 ms here)',
    async () => {
      const p = start(['practice', 'fixture-practice-long'], { PMCOACH_AUTOSAVE_MS: '300' });
      await p.waitFor('▸ Clarifying questions');
      await p.type('Draft typed before the crash: goal, horizon, markets.');
      await sleep(1200);
      p.kill('SIGKILL');
      await p.exited;
      expect(readdirSync(join(bed.home, 'sessions')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const s = readOnlySession();
      expect(s.stages[0]).toMatchObject({ id: 'clarifying', status: 'active', text: 'Draft typed before the crash: goal, horizon, markets.' });
    },
    LONG,
  );

  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(
      `${signal} saves the draft, prints the resume command and exits 130`,
      async () => {
        const p = start(['practice', 'fixture-practice-long']);
        await p.waitFor('▸ Clarifying questions');
        await p.type('half a thought');
        await p.waitFor('half a thought');
        p.kill(signal);
        const exit = await p.exited;
        expect(exit.exitCode).toBe(130);
        const s = readOnlySession();
        expect(s.stages[0]).toMatchObject({ status: 'active', text: 'half a thought' });
        if (signal === 'SIGTERM') expect(p.screen()).toContain(`Saved. Resume with: pmcoach resume ${s.id}`);
      },
      LONG,
    );
  }

  it(
    '--hard-stop ends a stage at zero, keeping what was typed, and moves on',
    async () => {
      // 3 minutes x 0.01 = 2 seconds for the first stage.
      const p = start(['practice', 'fixture-practice-long', '--time-scale', '0.01', '--hard-stop']);
      await p.waitFor('▸ Clarifying questions');
      await p.waitFor('(hard stop)');
      await p.type('cut off mid sent');
      await p.waitFor('▸ Stakeholders', { from: p.mark(), timeoutMs: 8000 });
      p.write(KEY.ctrlC);
      expect((await p.exited).exitCode).toBe(130);
      const s = readOnlySession();
      expect(s.stages[0]).toMatchObject({ status: 'done', text: 'cut off mid sent', secondsUsed: 2, secondsAllotted: 2, overtimeSeconds: 0 });
    },
    LONG,
  );

  it(
    '--editor writes each stage in $EDITOR; ":skip" there skips the stage',
    async () => {
      const editor = `"${process.execPath}" "${join(ROOT, 'test/helpers/fake-editor.mjs')}"`;
      const p = start(['practice', 'fixture-practice-long', '--editor'], { EDITOR: editor, FAKE_EDITOR_SKIP: 'Metrics' });
      expect((await p.exited).exitCode).toBe(0);
      const s = readOnlySession();
      expect(s.stages.map((x) => [x.status, x.text])).toEqual([
        ['done', 'answer for Clarifying questions'],
        ['done', 'answer for Stakeholders'],
        ['skipped', ''],
        ['done', 'answer for Experiments'],
        ['done', 'answer for Recommendation'],
      ]);
    },
    LONG,
  );
});

describe('pmcoach practice without a terminal', () => {
  it('exits 2 at once and names the non-interactive commands', async () => {
    const r = await runCli([...FIXTURES, 'practice'], { home: bed.home, input: '\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pmcoach grade');
    expect(r.stderr).toContain('pmcoach mock --answers');
    expect(sessionFiles()).toEqual([]);
  });

  it('resume without a terminal exits 2 too', async () => {
    const r = await runCli(['resume'], { home: bed.home, input: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pmcoach grade');
  });

  it.each([
    [['--minutes', 'warmup=5'], /unknown stage "warmup"; the stages are clarifying, stakeholders/],
    [['--minutes', 'metrics=0'], /metrics=0 must be a number of minutes above 0/],
    [['--minutes', 'metrics=six'], /metrics=six must be a number/],
    [['--minutes', 'metrics'], /"metrics" is not stage=minutes/],
    [['--time-scale', '-1'], /--time-scale must be a number above 0/],
    [['--no-timer', '--hard-stop'], /--hard-stop needs the timer/],
    [['fixture-practice-ads', '--tag', 'x'], /not both/],
  ])('bad flags %j exit 2 with what to fix', async (flags, message) => {
    const r = await runCli([...FIXTURES, 'practice', ...flags], { home: bed.home });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('sessions with none says how to start one, and --json is an empty list', async () => {
    expect((await runCli(['sessions'], { home: bed.home })).stdout).toContain('No sessions yet. Start one with: pmcoach practice');
    expect(JSON.parse((await runCli(['sessions', '--json'], { home: bed.home })).stdout)).toEqual([]);
  });
});

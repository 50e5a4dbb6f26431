import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY, ptyTestbed, type PtyRun } from '../helpers/pty.js';

const bed = ptyTestbed();

/** Answers the five stages and the push-back of the question on screen. */
async function answerQuestion(run: PtyRun, topic: string): Promise<void> {
  for (const stage of ['Clarifying questions', 'Stakeholders', 'Metrics', 'Experiments', 'Recommendation']) {
    const from = run.mark();
    await run.waitFor(new RegExp(`▸ ${stage}`), { from });
    await run.type(`${stage} answer about ${topic}.`);
    run.write(KEY.ctrlD);
  }
  await run.waitFor(/▸ Follow-up from Maya/, { from: run.mark() });
  await run.type(`I would keep the call on ${topic}.`);
  run.write(KEY.ctrlD);
}

describe('pmcoach mock, interactive', () => {
  it('runs each question as a practice session with a break between, then one summary and transcript', async () => {
    const script = join(bed.home, 'loop.yaml');
    writeFileSync(
      script,
      'title: Two-question loop\ninterviewer: { name: Maya, style: friendly }\nquestions:\n  - id: uber-surge-pricing-cap\n  - pick: { tag: payments, difficulty: medium }\n    framework: { metrics: 6 }\nbreak_seconds: 30\n',
    );
    const run = bed.start(['mock', script, '--time-scale', '0.5'], {}, { cols: 110, rows: 40 });
    await run.waitFor(/Surge pricing vs\. rider trust/);
    await answerQuestion(run, 'surge');

    const breakAt = run.mark();
    await run.waitFor(/Break · question 2 of 2 is next: /, { from: breakAt });
    await run.waitFor(/Next question in 00:\d\d · Enter starts it now/, { from: breakAt });
    run.write(KEY.enter);
    const second = run.mark();
    await run.waitFor(/stage 1 of 5/, { from: second });
    await answerQuestion(run, 'fees');

    await run.waitFor(/Transcript written to \S+\.md/);
    expect((await run.exited).exitCode).toBe(0);
    const screen = run.screen();
    expect(screen).toMatch(/Mock interview: Two-question loop/);
    expect(screen).toMatch(/1\s+uber-surge-pricing-cap\s+\d+/);

    const sessions = readdirSync(join(bed.home, 'sessions')).filter((f) => f.endsWith('.json'));
    expect(sessions).toHaveLength(2);
    const records = sessions.map((f) => JSON.parse(readFileSync(join(bed.home, 'sessions', f), 'utf8')) as {
      origin: string;
      status: string;
      question: { id: string; tags: string[] };
      stages: Array<{ id: string; text: string; secondsAllotted: number }>;
      followup?: { answer: string };
      score?: { overall: number };
    });
    for (const r of records) {
      expect(r).toMatchObject({ origin: 'mock', status: 'finished' });
      expect(r.score?.overall).toBeTypeOf('number');
      expect(r.followup?.answer).toMatch(/^I would keep the call on/);
    }
    const picked = records.find((r) => r.question.id !== 'uber-surge-pricing-cap')!;
    expect(picked.question.tags).toContain('payments');
    // the script's 6 minutes of metrics, at half time
    expect(picked.stages.find((s) => s.id === 'metrics')!.secondsAllotted).toBe(180);
    expect(picked.stages[0]!.text).toBe('Clarifying questions answer about fees.');

    const [md] = readdirSync(join(bed.home, 'transcripts')).filter((f) => f.startsWith('mock-'));
    const transcript = readFileSync(join(bed.home, 'transcripts', md!), 'utf8');
    expect(transcript).toMatch(/^# Mock interview: Two-question loop$/m);
    expect(transcript).toContain('Stakeholders answer about surge.');
    expect(transcript).toContain('I would keep the call on fees.');
  });

  it('Ctrl-C on the break screen stops the interview and keeps the finished question', async () => {
    const script = join(bed.home, 'loop.yaml');
    writeFileSync(script, 'title: Loop\ninterviewer: { name: Maya }\nquestions:\n  - id: uber-surge-pricing-cap\n  - id: stripe-fraud-decline-threshold\nbreak_seconds: 30\n');
    const run = bed.start(['mock', script], {}, { cols: 110, rows: 40 });
    await answerQuestion(run, 'surge');
    await run.waitFor(/Break · question 2 of 2/);
    run.write(KEY.ctrlC);
    await run.waitFor(/Mock interview stopped after 1 of 2 questions/);
    expect((await run.exited).exitCode).toBe(130);
    const sessions = readdirSync(join(bed.home, 'sessions')).filter((f) => f.endsWith('.json'));
    expect(sessions).toHaveLength(1);
  });
});

describe('pmcoach mock survives Ctrl-C', () => {
  it('Ctrl-C in question 2 lists what was finished; plain pmcoach resume continues the mock where it stopped, to one summary', async () => {
    const script = join(bed.home, 'loop.yaml');
    writeFileSync(script, 'title: Loop\ninterviewer: { name: Maya }\nquestions:\n  - id: uber-surge-pricing-cap\n  - id: stripe-fraud-decline-threshold\nbreak_seconds: 0\n');
    const run = bed.start(['mock', script], {}, { cols: 110, rows: 40 });
    await answerQuestion(run, 'surge');
    await run.waitFor(/▸ Clarifying questions/, { from: run.mark() });
    await run.type('Clarifying answer about fraud.');
    run.write(KEY.ctrlD);
    await run.waitFor(/▸ Stakeholders/, { from: run.mark() });
    await run.type('Merchants and card');
    run.write(KEY.ctrlC);
    expect((await run.exited).exitCode).toBe(130);
    const stopped = run.screen().replace(/\s+/g, ' ');
    const mockId = /Resume with: pmcoach resume (mock-\S+)/.exec(stopped)?.[1];
    expect(mockId).toBeDefined();
    expect(stopped).toMatch(/Finished so far: 1\. uber-surge-pricing-cap \d+\/100 \((strong )?(no )?(lean )?hire\)/);

    const again = bed.start(['resume'], {}, { cols: 110, rows: 40 });
    await again.waitFor(/▸ Stakeholders/);
    await again.waitFor('Merchants and card');
    await again.type(' networks.');
    again.write(KEY.ctrlD);
    for (const stage of ['Metrics', 'Experiments', 'Recommendation']) {
      await again.waitFor(new RegExp(`▸ ${stage}`), { from: again.mark() });
      await again.type(`${stage} answer about fraud.`);
      again.write(KEY.ctrlD);
    }
    await again.waitFor(/▸ Follow-up from Maya/, { from: again.mark() });
    await again.type('I would keep the call on fraud.');
    again.write(KEY.ctrlD);
    await again.waitFor(/Transcript written to \S+\.md/);
    expect((await again.exited).exitCode).toBe(0);
    expect(again.screen()).toMatch(/1\s+uber-surge-pricing-cap\s+\d+/);
    expect(again.screen()).toMatch(/2\s+stripe-fraud-decline-threshold\s+\d+/);
    const sessions = readdirSync(join(bed.home, 'sessions')).filter((f) => f.endsWith('.json'));
    expect(sessions).toHaveLength(2);
    const fraud = sessions.map((f) => JSON.parse(readFileSync(join(bed.home, 'sessions', f), 'utf8'))).find((r) => r.question.id === 'stripe-fraud-decline-threshold');
    expect(fraud.stages[1].text).toBe('Merchants and card networks.');
    const mock = JSON.parse(readFileSync(join(bed.home, 'mocks', `${mockId}.json`), 'utf8'));
    expect(mock.status).toBe('finished');
  });
});

describe('pmcoach grade in a terminal', () => {
  it('shows a progress bar on stderr while it grades, and clears it', async () => {
    const run = bed.start(['grade', 'test/fixtures/calibration/uber-surge-pricing-cap']);
    await run.waitFor(/grading [█░]+ \d\/5/);
    await run.waitFor(/5 graded · judge: offline estimate/);
    expect((await run.exited).exitCode).toBe(0);
    expect(run.raw()).toContain('\u001b[2K');
  });
});

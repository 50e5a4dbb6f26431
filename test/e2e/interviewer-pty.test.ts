import { describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { KEY, ptyTestbed, type PtyRun, sessionOnly } from '../helpers/pty.js';
import { startOpenAiServer, type TestServer } from '../helpers/openai-server.js';
import type { SessionRecord } from '../../src/session/types.js';

// Runs the BUILT binary (npm run build first).
const FIXTURES = ['--questions', 'test/fixtures/interviewer'];
const LONG = 40_000;
const REVENUE_FACT = 'Each extra ad impression earns about $4 CPM, and ads are 90% of revenue.';
const FOLLOW_UPS = ['What if time spent drops 3% among teens in the test?', 'How would you explain the change to advertisers who complain about lower click rates?'];

const bed = ptyTestbed({ prefix: 'pmcoach-interviewer-', args: FIXTURES, cols: 160, rows: 32 });
const start = (args: string[], env: Record<string, string> = {}): PtyRun => bed.start(sessionOnly(args), env);

function readOnlySession(): SessionRecord {
  const dir = join(bed.home, 'sessions');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')) : [];
  expect(files).toHaveLength(1);
  return JSON.parse(readFileSync(join(dir, files[0]!), 'utf8')) as SessionRecord;
}

async function answer(p: PtyRun, title: string, text: string): Promise<void> {
  await p.waitFor(`▸ ${title}`, { from: p.mark() });
  await p.type(text);
  p.write(KEY.ctrlD);
}

/** The clarifying stage with two questions for the interviewer (one a fact answers, one it does not). */
async function clarify(p: PtyRun): Promise<void> {
  await p.waitFor('▸ Clarifying questions');
  await p.waitFor('start a line with "?" and press Enter');
  let from = p.mark();
  await p.type('?How much revenue do the ads make?\r');
  await p.waitFor(`Interviewer: ${REVENUE_FACT}`, { from });
  from = p.mark();
  await p.type('?When is the launch date?\r');
  await p.waitFor(/Interviewer: I don't have data on that\. Please assume what you think is reasonable/, { from });
  await p.type('I assume the goal is revenue this year without hurting time spent.');
  p.write(KEY.ctrlD);
}

async function stages(p: PtyRun): Promise<void> {
  await answer(p, 'Stakeholders', 'Users see more ads; advertisers get more reach; creators lose attention.');
  await answer(p, 'Metrics', 'Ad revenue per daily user over 8 weeks; time spent per user as a guardrail, no more than 1% down.');
  await answer(p, 'Experiments', 'Holdout test for 8 weeks at 1 in 3 against 1 in 5, stop if time spent drops 2%.');
  await answer(p, 'Recommendation', 'Ship 1 in 4, give up some revenue, and revisit in a quarter.');
}

describe('the interviewer in a practice session', () => {
  it(
    'answers two clarifying questions on screen, pushes back after the recommendation with its own countdown, and both reach the session and transcript',
    async () => {
      const p = start(['practice', 'fixture-interviewer-ads', '--minutes', 'followup=3']);
      await clarify(p);
      await stages(p);

      const from = p.mark();
      await p.waitFor('▸ Follow-up from the interviewer', { from });
      await p.waitFor('follow-up', { from });
      await p.waitFor(/0[23]:\d\d left/, { from });
      const shown = FOLLOW_UPS.find((f) => p.screen(from).includes(`Interviewer: ${f}`));
      expect(shown, p.screen(from)).toBeDefined();
      await p.type('I would keep 1 in 4 for adults but exclude teens; we give up some revenue and revisit if time spent falls 2%.');
      p.write(KEY.ctrlD);
      expect((await p.exited).exitCode).toBe(0);
      expect(p.screen()).toMatch(/Follow-up\s+00:\d\d of 03:00/);

      const s = readOnlySession();
      expect(s.status).toBe('finished');
      expect(s.asked.map((e) => [e.q, e.source])).toEqual([
        ['How much revenue do the ads make?', 'fact'],
        ['When is the launch date?', 'assumption'],
      ]);
      expect(s.asked[0]!.a).toBe(REVENUE_FACT);
      expect(s.asked[1]!.a).toContain('assume what you think is reasonable');
      expect(s.asked.every((e) => e.at && !Number.isNaN(Date.parse(e.at)))).toBe(true);
      expect(s.followup).toMatchObject({ q: shown, status: 'done', source: 'bank', secondsAllotted: 180, overtimeSeconds: 0 });
      expect(s.followup!.answer).toContain('exclude teens');
      expect(s.settings.followupSeconds).toBe(180);
      expect(s.score?.criteria.map((c) => c.id)).toContain('decision');

      const md = readFileSync(s.transcriptPath!, 'utf8');
      expect(md).toContain('**Asked the interviewer**');
      expect(md).toContain('- **Q:** How much revenue do the ads make?');
      // Markdown escapes the dollar sign.
      expect(md).toContain(`**A:** ${REVENUE_FACT.replace('$', '\\$')} _(from the question's facts)_`);
      expect(md).toContain('- **Q:** When is the launch date?');
      expect(md).toMatch(/\*\*A:\*\* I don't have data on that\. Please assume what you think is reasonable.* _\(state an assumption\)_/);
      expect(md).toContain('## Follow-up');
      expect(md).toContain(`**Interviewer:** ${shown}`);
      expect(md).toContain('exclude teens');
    },
    LONG,
  );

  it(
    'Ctrl-C during the follow-up saves it; resume continues the follow-up with its draft and question',
    async () => {
      const p = start(['practice', 'fixture-interviewer-ads']);
      await answer(p, 'Clarifying questions', 'Is revenue the goal?');
      await stages(p);
      await p.waitFor('▸ Follow-up from the interviewer', { from: p.mark() });
      await p.type('Half an answer');
      await p.waitFor('Half an answer');
      p.write(KEY.ctrlC);
      expect((await p.exited).exitCode).toBe(130);
      const saved = readOnlySession();
      expect(saved.status).toBe('in-progress');
      expect(saved.followup).toMatchObject({ status: 'active', answer: 'Half an answer', secondsAllotted: 120 });

      const r = start(['resume']);
      await r.waitFor('▸ Follow-up from the interviewer');
      await r.waitFor(`Interviewer: ${saved.followup!.q}`);
      await r.waitFor('Half an answer');
      await r.type(', finished.');
      r.write(KEY.ctrlD);
      expect((await r.exited).exitCode).toBe(0);
      const done = readOnlySession();
      expect(done.followup).toMatchObject({ q: saved.followup!.q, answer: 'Half an answer, finished.', status: 'done' });
      expect(done.status).toBe('finished');
    },
    LONG,
  );

  it(
    'with the LLM judge the reply streams from the model in the clarifying stage',
    async () => {
      const server: TestServer = await startOpenAiServer();
      try {
        server.setDefault((req) => (req.body?.stream ? { content: 'Ads are 90% of revenue; for the rest, assume what you think is reasonable.', chunkDelayMs: 30 } : { content: 'unused' }));
        const p = start(['practice', 'fixture-interviewer-ads', '--judge', 'llm', '--base-url', server.url, '--model', 'test-model', '--timeout', '20'], { PMCOACH_AUTOSAVE_MS: '200' });
        await p.waitFor('▸ Clarifying questions');
        const from = p.mark();
        await p.type('?How much revenue do the ads make?\r');
        await p.waitFor('Asking the interviewer…', { from });
        await p.waitFor('Interviewer: Ads are 90% of revenue; for the rest, assume what you think is reasonable.', { from });
        // Streamed: a shorter part of the reply was on screen first.
        expect(p.screen(from)).toMatch(/Interviewer: Ads are 90% of revenue; for\n/);
        await vi.waitFor(() => expect(readOnlySession().asked).toHaveLength(1), { timeout: 5000, interval: 100 });
        p.write(KEY.ctrlC);
        expect((await p.exited).exitCode).toBe(130);
        const s = readOnlySession();
        expect(s.asked).toMatchObject([{ q: 'How much revenue do the ads make?', a: 'Ads are 90% of revenue; for the rest, assume what you think is reasonable.', source: 'llm' }]);
        expect(server.chats().some((c) => c.body.stream === true)).toBe(true);
      } finally {
        await server.close();
      }
    },
    LONG,
  );

  it(
    'Ctrl-C while a reply is still streaming keeps the question with the reply so far',
    async () => {
      const server: TestServer = await startOpenAiServer();
      try {
        server.setDefault({ content: 'unused', chunks: ['Ads are 90% ', 'of revenue.'], chunkDelayMs: 3000 });
        const p = start(['practice', 'fixture-interviewer-ads', '--base-url', server.url, '--model', 'test-model']);
        await p.waitFor('▸ Clarifying questions');
        await p.type('?How much revenue do the ads make?\r');
        await p.waitFor('Interviewer: Ads are 90%');
        p.write(KEY.ctrlC);
        expect((await p.exited).exitCode).toBe(130);
        expect(readOnlySession().asked).toMatchObject([{ q: 'How much revenue do the ads make?', a: 'Ads are 90%', source: 'llm' }]);
      } finally {
        await server.close();
      }
    },
    LONG,
  );
});

describe('the interviewer in pmcoach grade', () => {
  it('answers an `asked` entry without `a` before scoring, and the JSON shows the reply', async () => {
    const file = join(bed.home, 'sam.yaml');
    writeFileSync(
      file,
      [
        'question: fixture-interviewer-ads',
        'candidate: Sam',
        'asked:',
        '  - q: How much revenue do the ads make?',
        '  - q: Which markets?',
        '    a: US only.',
        '  - q: When is the launch date?',
        'answers:',
        '  clarifying: I assume revenue is the goal.',
        '  recommendation: Ship 1 in 4.',
        'followup:',
        '  q: What if teens leave?',
        '  answer: Exclude teens from the higher load.',
      ].join('\n'),
    );
    const r = await runCli([...FIXTURES, 'grade', file, '--json'], { home: bed.home });
    expect(r.code, r.stderr).toBe(0);
    const [out] = JSON.parse(r.stdout);
    expect(out.asked).toEqual([
      { q: 'How much revenue do the ads make?', a: REVENUE_FACT, source: 'fact' },
      { q: 'Which markets?', a: 'US only.', source: 'given' },
      { q: 'When is the launch date?', a: expect.stringContaining('assume what you think is reasonable'), source: 'assumption' },
    ]);
    expect(out.followup).toMatchObject({ q: 'What if teens leave?', answer: 'Exclude teens from the higher load.' });
  });
});

describe('the interviewer in pmcoach mock --answers', () => {
  it("the script's interviewer name and style set the tone of replies to questions without `a`", async () => {
    const script = join(bed.home, 'loop.yaml');
    writeFileSync(script, ['title: Loop', 'interviewer:', '  name: Maya', '  style: friendly', 'break_seconds: 0', 'questions:', '  - id: fixture-interviewer-ads'].join('\n'));
    const answers = join(bed.home, 'answers.yaml');
    writeFileSync(answers, ['question: fixture-interviewer-ads', 'asked:', '  - q: How much revenue do the ads make?', '  - q: When is the launch date?', 'answers:', '  recommendation: Ship 1 in 4.'].join('\n'));
    const r = await runCli([...FIXTURES, 'mock', script, '--answers', answers, '--json'], { home: bed.home });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.summary.interviewer).toEqual({ name: 'Maya', style: 'friendly' });
    expect(out.sessions[0].asked).toEqual([
      { q: 'How much revenue do the ads make?', a: `Good question. ${REVENUE_FACT}`, source: 'fact' },
      { q: 'When is the launch date?', a: "Good question. I don't have a figure for that, so assume what you think is reasonable and say it out loud.", source: 'assumption' },
    ]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createPainter } from '../../src/cli/paint.js';
import { questionSchema, rubricSchema } from '../../src/questions/schema.js';
import { DEFAULT_FRAMEWORK, STAGE_IDS } from '../../src/questions/stages.js';
import {
  begin,
  clockOf,
  createSession,
  dropFollowUp,
  interrupt,
  isFinished,
  phaseOf,
  skip,
  snapshot,
  startFollowUp,
  submit,
  tick,
  type,
  type EngineState,
  type SessionSettings,
} from '../../src/session/engine.js';
import { parseMinutes, splitMinutes } from '../../src/cli/commands/practice/options.js';
import { summary } from '../../src/cli/commands/practice/run-session.js';
import { promptStage, type ClockReading } from '../../src/cli/prompts/stage-editor.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { scoreOffline } from '../../src/scoring/offline/judge.js';
import { renderMessages } from '../../src/scoring/llm/prompt.js';
import type { ScoreInput } from '../../src/scoring/types.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { stripAnsi } from '../helpers/pty.js';

const question = questionSchema.parse({ id: 'fixture-followup', title: 'Follow-up fixture', prompt: 'Should we?', follow_ups: ['What if teens leave?'] });
const SOFT: SessionSettings = { hardStop: false, timeScale: 1, timer: true };

function throughStages(settings: SessionSettings = SOFT, followupMinutes: number | null = 2) {
  const clock = new FakeClock();
  let state: EngineState = begin(createSession({ id: 's', question, minutes: DEFAULT_FRAMEWORK, settings, ...(followupMinutes === null ? {} : { followupMinutes }) }, clock.now()), clock.now());
  for (const id of STAGE_IDS) {
    clock.advance(10_000);
    state = submit(state, `answer for ${id}`, clock.now());
  }
  return { clock, state };
}

describe('engine: the follow-up step', () => {
  it('after the recommendation the session waits for the push-back, then runs its own countdown', () => {
    const { clock, state } = throughStages();
    expect(state.session.settings.followupSeconds).toBe(120);
    expect(phaseOf(state)).toBe('awaiting-followup');
    expect(isFinished(state)).toBe(false);
    expect(state.session.status).toBe('in-progress');
    expect(clockOf(state, clock.now())).toBeUndefined();

    let s = startFollowUp(state, 'What if teens leave?', clock.now(), 'bank');
    expect(phaseOf(s)).toBe('followup');
    expect(clockOf(s, clock.now())).toMatchObject({ remainingMs: 120_000, level: 'ok' });
    clock.advance(100_000);
    s = type(s, 'Exclude teens', clock.now());
    expect(s.session.followup).toMatchObject({ answer: 'Exclude teens', secondsUsed: 100, status: 'active' });
    expect(clockOf(s, clock.now())!.level).toBe('low');
    clock.advance(30_000);
    expect(clockOf(s, clock.now())).toMatchObject({ level: 'over', overtimeMs: 10_000 });
    s = submit(s, 'Exclude teens from the higher load.', clock.now());
    expect(isFinished(s)).toBe(true);
    expect(s.session.status).toBe('finished');
    expect(s.session.followup).toMatchObject({ q: 'What if teens leave?', answer: 'Exclude teens from the higher load.', status: 'done', source: 'bank', secondsUsed: 130, secondsAllotted: 120, overtimeSeconds: 10 });
    expect(s.session.followup!.endedAt).toBe(new Date(clock.now()).toISOString());
    expect(s.session.stages.every((x) => x.status === 'done')).toBe(true);
  });

  it('the time scale applies to it; a hard stop ends it at zero with the text as typed', () => {
    const { clock, state } = throughStages({ ...SOFT, hardStop: true, timeScale: 0.5 });
    expect(state.session.settings.followupSeconds).toBe(60);
    let s = startFollowUp(state, 'What if?', clock.now());
    clock.advance(30_000);
    s = type(s, 'half typed', clock.now());
    expect(tick(s, clock.now()).event).toBe('none');
    clock.advance(31_000);
    const t = tick(s, clock.now());
    expect(t.event).toBe('time-up');
    expect(t.state.session.followup).toMatchObject({ answer: 'half typed', status: 'done', secondsUsed: 60, overtimeSeconds: 0 });
    expect(isFinished(t.state)).toBe(true);
  });

  it('is resumable: interrupted mid-answer, the saved record resumes it with its draft and time left', () => {
    const { clock, state } = throughStages();
    let s = startFollowUp(state, 'What if teens leave?', clock.now());
    clock.advance(30_000);
    s = interrupt(type(s, 'draft', clock.now()), clock.now());
    const saved = snapshot(s, clock.now());
    expect(saved.followup).toMatchObject({ status: 'active', answer: 'draft', secondsUsed: 30 });
    clock.advance(3_600_000);
    const resumed = begin(JSON.parse(JSON.stringify(saved)), clock.now());
    expect(phaseOf(resumed)).toBe('followup');
    expect(clockOf(resumed, clock.now())!.remainingMs).toBe(90_000);
    clock.advance(5_000);
    expect(submit(resumed, 'draft, done', clock.now()).session.followup).toMatchObject({ status: 'done', secondsUsed: 35 });
  });

  it('a session saved while waiting for the push-back waits again on resume', () => {
    const { clock, state } = throughStages();
    const resumed = begin(snapshot(state, clock.now()), clock.now());
    expect(phaseOf(resumed)).toBe('awaiting-followup');
    expect(resumed.session.status).toBe('in-progress');
  });

  it('no push-back (no follow-ups) ends the session without one; a skip records it skipped', () => {
    const { clock, state } = throughStages();
    const dropped = dropFollowUp(state, clock.now());
    expect(isFinished(dropped)).toBe(true);
    expect(dropped.session.followup).toBeUndefined();
    expect(begin(dropped.session, clock.now()).session.status).toBe('finished');
    const skipped = skip(startFollowUp(state, 'What if?', clock.now()), '', clock.now());
    expect(skipped.session.followup).toMatchObject({ status: 'skipped', answer: '' });
    expect(isFinished(skipped)).toBe(true);
  });

  it('without a follow-up countdown the session ends at the recommendation, as before', () => {
    const { state } = throughStages(SOFT, null);
    expect(state.session.settings).toEqual(SOFT);
    expect(isFinished(state)).toBe(true);
    expect(() => startFollowUp(state, 'What if?', 0)).toThrow(/cannot start the follow-up in phase finished/);
  });

  it('the end-of-session summary lists the follow-up', () => {
    const { clock, state } = throughStages();
    clock.advance(150_000);
    const done = submit(startFollowUp(state, 'What if?', clock.now() - 150_000), 'Keep the cap.', clock.now());
    const c = { bold: (s: string) => s, red: (s: string) => s, dim: (s: string) => s };
    expect(summary(done.session, c)).toMatch(/Follow-up\s+02:30 of 02:00\s+3 words\s+\+00:30 over/);
  });
});

describe('--minutes followup=N', () => {
  it('sets the follow-up minutes; 2 by default', () => {
    expect(parseMinutes('followup=3,metrics=6')).toEqual({ followup: 3, metrics: 6 });
    expect(splitMinutes(parseMinutes('followup=3,metrics=6'))).toEqual({ stages: { metrics: 6 }, followup: 3 });
    expect(splitMinutes({})).toEqual({ stages: {}, followup: 2 });
  });

});

describe('asking on screen', () => {
  const untimed: ClockReading = { countdown: { text: '01:59 left', level: 'ok' }, timeUp: false, nextInMs: Infinity };
  const screen = { questionTitle: 'Q', prompt: 'Should we?', stageTitle: 'Clarifying questions', stageNumber: 1, stageCount: 5, guidance: [], hardStop: false };

  it('names the "?" prefix, spins while waiting, streams the reply into the Q&A log, keeps the question out of the answer', async () => {
    const term = fakeTerminal({ columns: 70, rows: 22 });
    let answer!: (reply: string) => void;
    let stream!: (partial: string) => void;
    const onAsk = vi.fn((_q: string, onText: (t: string) => void) => {
      stream = onText;
      return new Promise<string | undefined>((r) => (answer = r));
    });
    const askHint = 'Ask Maya a question: start a line with "?" and press Enter';
    const p = promptStage(term, { screen: { ...screen, askHint }, initialText: '', clock: () => untimed, onAsk, askLabel: 'Maya', color: createPainter(false) });
    expect(stripAnsi(term.out)).toContain(askHint);
    term.press('?How often does surge happen?\r');
    expect(onAsk.mock.calls[0]![0]).toBe('How often does surge happen?');
    expect(stripAnsi(term.out)).toMatch(/[⠋⠙⠹] Asking Maya…/);
    stream('About 12% of');
    expect(stripAnsi(term.out)).toContain('Maya: About 12% of');
    term.press('I assume');
    answer('About 12% of trips happen under surge, mostly during storms, concerts and New Year’s Eve celebrations in big cities.');
    await vi.waitFor(() => expect(stripAnsi(term.out)).toContain('New Year’s Eve'));
    term.press('\r');
    term.press('?Is the goal retention or revenue?');
    term.press('\r');
    answer('Retention this year.');
    await vi.waitFor(() => expect(stripAnsi(term.out)).toContain('Maya: Retention this year.'));
    // Both exchanges stay on screen in the log, not only the latest.
    expect(stripAnsi(term.out)).toContain('? How often does surge happen?');
    term.press('\x04');
    expect(await p.done).toEqual({ kind: 'submit', text: 'I assume' });
  });

  it('a "?" line in a later stage stays in the answer with a notice', async () => {
    const term = fakeTerminal({ columns: 70, rows: 22 });
    const p = promptStage(term, { screen: { ...screen, stageTitle: 'Metrics' }, initialText: '', clock: () => untimed, askElsewhere: true, color: createPainter(false) });
    term.press('?what is the goal\r');
    expect(stripAnsi(term.out)).toContain('Questions to the interviewer are for the clarifying stage');
    term.press('x\x04');
    expect((await p.done).text).toBe('?what is the goal\nx');
  });
});

describe('scoring sees the conversation', () => {
  const rubric = rubricSchema.parse({
    id: 'r',
    title: 'R',
    criteria: [
      { id: 'clarification', title: 'Clarification', weight: 1, stages: ['clarifying'], levels: { 1: 'a', 3: 'b', 5: 'c' } },
      { id: 'decision', title: 'Decision', weight: 1, stages: ['recommendation'], levels: { 1: 'a', 3: 'b', 5: 'c' } },
    ],
  });
  const q = questionSchema.parse({ id: 'fixture-ads', title: 'Ad load', prompt: 'Show one ad every three posts instead of five?', reference: { recommendation: ['exclude teens from the higher load'] } });
  const base: ScoreInput = {
    question: q,
    rubric,
    asked: [],
    answers: [
      { id: 'clarifying', text: '' },
      { id: 'metrics', text: 'Ad revenue per daily user over 8 weeks, with time spent per user as a guardrail.' },
      { id: 'recommendation', text: 'Ship it.' },
    ],
  };
  const score = (input: ScoreInput, id: string) => scoreOffline(input, new Date(0)).criteria.find((c) => c.id === id)!.score;

  it('the push-back answer counts under decision, the questions asked under clarification', () => {
    const followup = { q: 'What if teens leave?', answer: 'I would still ship the higher ad load, but exclude teens from the higher load; we give up some revenue, and I would revisit in 8 weeks if time spent falls more than 2%.' };
    expect(score({ ...base, followup }, 'decision')).toBeGreaterThan(score(base, 'decision'));
    const asked = [{ q: 'Which markets and which user segments are in scope?', a: 'US only.' }, { q: 'What is the revenue goal for this year?', a: 'Assume 5%.' }];
    expect(score({ ...base, asked }, 'clarification')).toBeGreaterThan(score(base, 'clarification'));
  });

  it('the LLM judge is told where the conversation counts, and only when there is one', () => {
    const user = (input: ScoreInput) => renderMessages(input, { nonce: 'n', structured: true })[1]!.content;
    const withBoth = user({ ...base, asked: [{ q: 'Which markets?', a: 'US.' }], followup: { q: 'What if?', answer: 'Then this.' } });
    expect(withBoth).toContain('score them under "clarification"');
    expect(withBoth).toContain('defends or adapts the call under "decision"');
    expect(withBoth).toContain('never quote them as evidence');
    expect(user(base)).not.toContain('follow_up is');
  });
});

import { describe, expect, it } from 'vitest';
import { questionSchema } from '../../src/questions/schema.js';
import { DEFAULT_FRAMEWORK, STAGE_IDS } from '../../src/questions/stages.js';
import {
  allotSeconds,
  begin,
  clockOf,
  createSession,
  currentStage,
  interrupt,
  isFinished,
  msToNextSecond,
  recordAsked,
  resume,
  skip,
  snapshot,
  submit,
  tick,
  type,
  type EngineState,
  type SessionSettings,
} from '../../src/session/engine.js';
import { FakeClock } from '../helpers/fake-clock.js';

const question = questionSchema.parse({ id: 'fixture-engine', title: 'Engine fixture', prompt: 'Should we?' });
const SOFT: SessionSettings = { hardStop: false, timeScale: 1, timer: true };

function start(settings: SessionSettings = SOFT, minutes = DEFAULT_FRAMEWORK) {
  const clock = new FakeClock();
  const session = createSession({ id: 's1', question, minutes, settings }, clock.now());
  return { clock, state: begin(session, clock.now()) };
}

describe('createSession', () => {
  it('lists the five stages in order, pending, with seconds from minutes times the time scale', () => {
    const s = createSession({ id: 'x', question, minutes: { ...DEFAULT_FRAMEWORK, metrics: 6 }, settings: { ...SOFT, timeScale: 0.5 } }, 0);
    expect(s.stages.map((x) => x.id)).toEqual([...STAGE_IDS]);
    expect(s.stages.every((x) => x.status === 'pending' && x.text === '')).toBe(true);
    expect(s.stages.find((x) => x.id === 'metrics')!.secondsAllotted).toBe(180);
    expect(s.stages[0]!.secondsAllotted).toBe(DEFAULT_FRAMEWORK.clarifying * 30);
    expect(s.status).toBe('in-progress');
    expect(s.origin).toBe('practice');
  });

  it('never gives a stage less than one second', () => {
    expect(allotSeconds(1, 0.001)).toBe(1);
    expect(allotSeconds(2.5, 1)).toBe(150);
  });
});

describe('begin, type, submit', () => {
  it('starts the first stage and records when it started', () => {
    const { state, clock } = start();
    expect(state.index).toBe(0);
    expect(currentStage(state)!.status).toBe('active');
    expect(currentStage(state)!.startedAt).toBe(new Date(clock.now()).toISOString());
  });

  it('type keeps the draft and the seconds used so far', () => {
    const { state, clock } = start();
    clock.advance(12_400);
    const typed = type(state, 'What is the goal?', clock.now());
    expect(currentStage(typed)!.text).toBe('What is the goal?');
    expect(currentStage(typed)!.secondsUsed).toBe(12);
    expect(typed.session.stages[1]!.status).toBe('pending');
  });

  it('submit records text, end time, seconds and no overtime within the limit, then starts the next stage', () => {
    const { state, clock } = start();
    clock.advance(100_000);
    const next = submit(state, 'goal and horizon?', clock.now());
    const done = next.session.stages[0]!;
    expect(done).toMatchObject({ status: 'done', text: 'goal and horizon?', secondsUsed: 100, overtimeSeconds: 0 });
    expect(done.endedAt).toBe(new Date(clock.now()).toISOString());
    expect(next.index).toBe(1);
    expect(currentStage(next)!.status).toBe('active');
    expect(clockOf(next, clock.now())!.remainingMs).toBe(DEFAULT_FRAMEWORK.stakeholders * 60_000);
  });

  it('answering every stage finishes the session', () => {
    let { state, clock } = start();
    for (const id of STAGE_IDS) {
      clock.advance(1000);
      state = submit(state, `answer for ${id}`, clock.now());
    }
    expect(isFinished(state)).toBe(true);
    expect(state.session.status).toBe('finished');
    expect(state.session.stages.map((s) => s.text)).toEqual(STAGE_IDS.map((id) => `answer for ${id}`));
    expect(() => submit(state, 'more', clock.now())).toThrow(/finished/);
  });
});

describe('time', () => {
  it('the clock goes from ok to low under 30 s to overtime, and soft limits keep the stage open', () => {
    const { state, clock } = start();
    const allotted = DEFAULT_FRAMEWORK.clarifying * 60_000;
    expect(clockOf(state, clock.now())).toMatchObject({ level: 'ok', remainingMs: allotted, overtimeMs: 0 });
    clock.advance(allotted - 30_000);
    expect(clockOf(state, clock.now())!.level).toBe('low');
    clock.advance(30_000 + 7_000);
    expect(tick(state, clock.now()).event).toBe('none');
    expect(clockOf(state, clock.now())).toMatchObject({ level: 'over', remainingMs: 0, overtimeMs: 7_000 });
    const next = submit(state, 'late', clock.now());
    expect(next.session.stages[0]).toMatchObject({ secondsUsed: allotted / 1000 + 7, overtimeSeconds: 7 });
  });

  it('a hard stop ends the stage at zero with every character typed so far, and starts the next', () => {
    let { state, clock } = start({ ...SOFT, hardStop: true });
    clock.advance(60_000);
    state = type(state, 'half an ans', clock.now());
    clock.advance(DEFAULT_FRAMEWORK.clarifying * 60_000 - 60_000 - 1);
    expect(tick(state, clock.now()).event).toBe('none');
    clock.advance(1);
    const r = tick(state, clock.now());
    expect(r.event).toBe('time-up');
    expect(r.state.session.stages[0]).toMatchObject({ status: 'done', text: 'half an ans', secondsUsed: 180, overtimeSeconds: 0 });
    expect(r.state.index).toBe(1);
  });

  it('a late tick under a hard stop still records no more than the allotted time', () => {
    const { state, clock } = start({ ...SOFT, hardStop: true });
    clock.advance(DEFAULT_FRAMEWORK.clarifying * 60_000 + 4_000);
    const r = tick(state, clock.now());
    expect(r.state.session.stages[0]).toMatchObject({ secondsUsed: 180, overtimeSeconds: 0 });
  });

  it('--no-timer: no countdown level, no hard stop, no overtime recorded', () => {
    const { state, clock } = start({ hardStop: true, timeScale: 1, timer: false });
    clock.advance(DEFAULT_FRAMEWORK.clarifying * 60_000 + 50_000);
    expect(clockOf(state, clock.now())!.level).toBe('untimed');
    expect(tick(state, clock.now()).event).toBe('none');
    expect(submit(state, 'slow', clock.now()).session.stages[0]).toMatchObject({ secondsUsed: 230, overtimeSeconds: 0 });
  });

  it('msToNextSecond points at the next change of the displayed seconds, counting down and in overtime', () => {
    const { state, clock } = start(SOFT, { ...DEFAULT_FRAMEWORK, clarifying: 1 });
    expect(msToNextSecond(state, clock.now())).toBe(1000);
    clock.advance(250);
    expect(msToNextSecond(state, clock.now())).toBe(750);
    clock.advance(60_000);
    expect(msToNextSecond(state, clock.now())).toBe(750);
  });
});

describe('skip', () => {
  it('marks the stage skipped, keeps what was typed, and moves on', () => {
    const { state, clock } = start();
    clock.advance(5_000);
    const next = skip(state, 'not sure', clock.now());
    expect(next.session.stages[0]).toMatchObject({ status: 'skipped', text: 'not sure', secondsUsed: 5 });
    expect(next.index).toBe(1);
  });

  it('skipping the last stage finishes the session', () => {
    let { state, clock } = start();
    for (let i = 0; i < STAGE_IDS.length - 1; i++) state = submit(state, 'x', clock.now());
    state = skip(state, '', clock.now());
    expect(isFinished(state)).toBe(true);
    expect(state.session.status).toBe('finished');
  });
});

describe('interrupt and resume', () => {
  function interruptedMidMetrics(): { state: EngineState; clock: FakeClock } {
    let { state, clock } = start();
    state = submit(state, 'clarify', clock.now());
    state = submit(state, 'people', clock.now());
    clock.advance(90_000);
    state = type(state, 'primary metric: weekly', clock.now());
    clock.advance(10_000);
    state = interrupt(state, clock.now());
    return { state, clock };
  }

  it('interrupt stops the clock and keeps the stage active with its draft and seconds used', () => {
    const { state, clock } = interruptedMidMetrics();
    expect(currentStage(state)).toMatchObject({ id: 'metrics', status: 'active', text: 'primary metric: weekly', secondsUsed: 100 });
    expect(state.session.status).toBe('in-progress');
    clock.advance(3_600_000);
    expect(clockOf(state, clock.now())!.usedMs).toBe(100_000);
    expect(interrupt(state, clock.now())).toBe(state);
  });

  it('resume after interrupt in the same process restarts the clock where it stopped', () => {
    const { state, clock } = interruptedMidMetrics();
    clock.advance(50_000);
    const back = resume(state, clock.now());
    clock.advance(2_000);
    expect(clockOf(back, clock.now())!.usedMs).toBe(102_000);
  });

  it('begin on the saved record resumes the same stage, its draft and the remaining time', () => {
    const { state, clock } = interruptedMidMetrics();
    const saved: unknown = JSON.parse(JSON.stringify(snapshot(state, clock.now())));
    clock.advance(86_400_000);
    const resumed = begin(saved as EngineState['session'], clock.now());
    expect(resumed.index).toBe(2);
    expect(currentStage(resumed)!.text).toBe('primary metric: weekly');
    expect(clockOf(resumed, clock.now())!.remainingMs).toBe(DEFAULT_FRAMEWORK.metrics * 60_000 - 100_000);
    expect(currentStage(resumed)!.startedAt).toBe(currentStage(state)!.startedAt);
    clock.advance(DEFAULT_FRAMEWORK.metrics * 60_000);
    const done = submit(resumed, 'primary metric: weekly buyers', clock.now());
    expect(done.session.stages[2]).toMatchObject({ secondsUsed: 340, overtimeSeconds: 100 });
    expect(done.session.stages.slice(0, 2).map((s) => s.text)).toEqual(['clarify', 'people']);
  });

  it('begin on a record whose stages are all over is finished at once', () => {
    let { state, clock } = start();
    for (let i = 0; i < STAGE_IDS.length; i++) state = submit(state, 'x', clock.now());
    const again = begin({ ...state.session, status: 'in-progress' }, clock.now());
    expect(isFinished(again)).toBe(true);
    expect(again.session.status).toBe('finished');
  });

  it('snapshot includes the running seconds of the active stage without changing the state', () => {
    const { state, clock } = start();
    clock.advance(7_600);
    expect(snapshot(state, clock.now()).stages[0]!.secondsUsed).toBe(8);
    expect(currentStage(state)!.secondsUsed).toBe(0);
  });
});

describe('recordAsked', () => {
  it('appends an exchange to the session', () => {
    const { state, clock } = start();
    const next = recordAsked(state, { q: 'which market?', a: 'US only', source: 'fact' }, clock.now());
    expect(next.session.asked).toEqual([{ q: 'which market?', a: 'US only', source: 'fact' }]);
    expect(state.session.asked).toEqual([]);
  });
});

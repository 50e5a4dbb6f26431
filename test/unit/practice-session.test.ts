import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createPainter } from '../../src/cli/paint.js';
import { autosaveInterval, DraftSaver } from '../../src/session/draft-saver.js';
import { installGuard, type GuardProcess } from '../../src/cli/guard.js';
import { pickQuestion } from '../../src/session/pick.js';
import { BUILTIN_GUIDANCE, guidanceFor, stageGuidance } from '../../src/session/guidance.js';
import { parseMinutes } from '../../src/cli/commands/practice/options.js';
import { answerFromEditorFile, editorFileText, ANSWER_MARKER } from '../../src/cli/prompts/external-editor.js';
import { requireTty } from '../../src/cli/prompts/terminal.js';
import { summary } from '../../src/cli/commands/practice/run-session.js';
import { createSession, begin, submit, skip } from '../../src/session/engine.js';
import { questionSchema, rubricSchema } from '../../src/questions/schema.js';
import { DEFAULT_FRAMEWORK } from '../../src/questions/stages.js';
import { isUserError } from '../../src/errors.js';
import { FakeClock } from '../helpers/fake-clock.js';

describe('DraftSaver', () => {
  it('saves while typing at most once per interval, never on the keystroke itself', () => {
    const clock = new FakeClock();
    const save = vi.fn();
    const saver = new DraftSaver(save, clock, 5000);
    saver.changed();
    expect(save).not.toHaveBeenCalled();
    clock.advance(0);
    expect(save).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 40; i++) {
      clock.advance(250);
      saver.changed();
    }
    // 10 s of steady typing after the first save: two more saves, 5 s apart.
    expect(save).toHaveBeenCalledTimes(3);
    clock.advance(5000);
    expect(save).toHaveBeenCalledTimes(4);
    clock.advance(60_000);
    expect(save).toHaveBeenCalledTimes(4);
  });

  it('flush saves at once and cancels the pending save; dispose stops it', () => {
    const clock = new FakeClock();
    const save = vi.fn();
    const saver = new DraftSaver(save, clock, 5000);
    saver.flush();
    saver.changed();
    saver.flush();
    expect(save).toHaveBeenCalledTimes(2);
    clock.advance(10_000);
    expect(save).toHaveBeenCalledTimes(2);
    saver.changed();
    saver.dispose();
    clock.advance(10_000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(clock.timersPending).toBe(0);
  });

  it('PMCOACH_AUTOSAVE_MS sets the interval; nonsense falls back to 5 s', () => {
    expect(autosaveInterval({ PMCOACH_AUTOSAVE_MS: '300' })).toBe(300);
    expect(autosaveInterval({ PMCOACH_AUTOSAVE_MS: 'soon' })).toBe(5000);
    expect(autosaveInterval({ PMCOACH_AUTOSAVE_MS: '1' })).toBe(5000);
    expect(autosaveInterval({})).toBe(5000);
  });
});

describe('installGuard', () => {
  function fakeProcess() {
    const proc = new EventEmitter() as EventEmitter & GuardProcess;
    const exit = vi.fn();
    proc.exit = exit as unknown as GuardProcess['exit'];
    return { proc, exit };
  }

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'])('%s restores the terminal, saves, prints the resume command, exits 130', (signal) => {
    const { proc, exit } = fakeProcess();
    const order: string[] = [];
    const out: string[] = [];
    installGuard({ proc, sessionId: 'abc', restore: () => order.push('restore'), save: () => void order.push('save'), write: (t) => out.push(t) });
    proc.emit(signal);
    expect(order).toEqual(['restore', 'save']);
    expect(out.join('')).toContain('Saved. Resume with: pmcoach resume abc');
    expect(exit).toHaveBeenCalledWith(130);
  });

  it('a crash saves the draft before printing the stack, and exits 70', () => {
    const { proc, exit } = fakeProcess();
    const out: string[] = [];
    const save = vi.fn(() => void out.push('<saved>'));
    installGuard({ proc, sessionId: 'abc', restore: () => {}, save, write: (t) => out.push(t) });
    proc.emit('uncaughtException', new Error('boom'));
    const text = out.join('');
    expect(text.indexOf('<saved>')).toBeLessThan(text.indexOf('Error: boom'));
    expect(text).toContain('Draft saved. Resume with: pmcoach resume abc');
    expect(exit).toHaveBeenCalledWith(70);
  });

  it('a failing save is reported, and the process still exits', () => {
    const { proc, exit } = fakeProcess();
    const out: string[] = [];
    installGuard({ proc, sessionId: 'abc', restore: () => {}, save: () => { throw new Error('disk full'); }, write: (t) => out.push(t) });
    proc.emit('SIGTERM');
    expect(out.join('')).toContain('could not save the draft: disk full');
    expect(exit).toHaveBeenCalledWith(130);
  });

  it('interrupt() is the Ctrl-C path; uninstall removes every listener', () => {
    const { proc, exit } = fakeProcess();
    const save = vi.fn();
    const guard = installGuard({ proc, sessionId: 'abc', restore: () => {}, save, write: () => {} });
    guard.interrupt();
    guard.interrupt();
    expect(save).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledTimes(1);
    guard.uninstall();
    expect(proc.listenerCount('SIGINT') + proc.listenerCount('SIGHUP') + proc.listenerCount('uncaughtException')).toBe(0);
  });
});

const q = (id: string) => questionSchema.parse({ id, title: id, prompt: 'p' });

describe('pickQuestion', () => {
  const bank = [q('a'), q('b'), q('c')];
  const practised = (...ids: string[]) => ids.map((id) => ({ question: q(id) }));

  it('prefers questions never practised', () => {
    expect(pickQuestion(bank, practised('a', 'b'), () => 0)!.id).toBe('c');
    expect(pickQuestion(bank, practised('a', 'b'), () => 0.99)!.id).toBe('c');
  });

  it('when all were practised, picks among the least practised, at random', () => {
    const sessions = practised('a', 'a', 'b', 'c', 'c');
    expect(pickQuestion(bank, sessions, () => 0.5)!.id).toBe('b');
    expect(pickQuestion([q('a'), q('c')], sessions, () => 0)!.id).toBe('a');
    expect(pickQuestion([q('a'), q('c')], sessions, () => 0.99)!.id).toBe('c');
  });

  it('nothing to pick from is undefined', () => {
    expect(pickQuestion([], [])).toBeUndefined();
  });
});

describe('parseMinutes', () => {
  it('reads stage=minutes pairs', () => {
    expect(parseMinutes('clarifying=5,metrics=6')).toEqual({ clarifying: 5, metrics: 6 });
    expect(parseMinutes(' experiments = 2.5 ')).toEqual({ experiments: 2.5 });
    expect(parseMinutes(undefined)).toEqual({});
  });

  it.each([
    ['warmup=5', /unknown stage "warmup"/],
    ['metrics=0', /above 0/],
    ['metrics=500', /at most 120/],
    ['metrics=abc', /must be a number/],
    ['metrics', /not stage=minutes/],
    ['metrics=2,metrics=3', /given twice/],
    [',', /needs stage=minutes pairs/],
    ['followup=0', /above 0/],
    ['followup=2,followup=3', /given twice/],
    ['warmup=1', /the stages are clarifying, .*followup/],
  ])('%j is a usage error (exit 2)', (spec, message) => {
    try {
      parseMinutes(spec);
      expect.unreachable();
    } catch (error) {
      expect(isUserError(error) && error.exitCode).toBe(2);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('guidance', () => {
  const rubric = rubricSchema.parse({
    id: 'trade-off',
    title: 't',
    criteria: [
      { id: 'metrics', title: 'Metrics', weight: 1, stages: ['metrics'], levels: { 1: 'none', 3: 'some', 5: 'A precise primary metric.' } },
      { id: 'comms', title: 'Communication', weight: 1, levels: { 1: 'x', 3: 'y', 5: 'Concise.' } },
    ],
  });

  it("takes a stage's guidance from the top level of the rubric criteria aimed at it", () => {
    expect(stageGuidance('metrics', rubric)).toEqual(['A precise primary metric.']);
  });

  it('falls back to the built-in lines for stages the rubric does not aim at, or with no rubric', () => {
    expect(stageGuidance('experiments', rubric)).toEqual([...BUILTIN_GUIDANCE.experiments]);
    expect(stageGuidance('clarifying', undefined)).toEqual([...BUILTIN_GUIDANCE.clarifying]);
  });

  it("uses the question's own rubric, else the bundled trade-off rubric", () => {
    expect(guidanceFor(q('x'), [rubric]).metrics).toEqual(['A precise primary metric.']);
    const own = questionSchema.parse({ id: 'y', title: 'y', prompt: 'p', rubric: { ...rubric, id: 'own', criteria: [{ ...rubric.criteria[0]!, levels: { 1: 'a', 3: 'b', 5: 'Own.' } }] } });
    expect(guidanceFor(own, [rubric]).metrics).toEqual(['Own.']);
  });
});

describe('the $EDITOR file', () => {
  it('holds instructions above the marker and the draft below; only the answer comes back', () => {
    const file = editorFileText({ question: 'Q?', stage: 'Metrics', guidance: ['Be precise.'], time: '04:00 left' }, 'draft line');
    expect(file).toContain('# Stage: Metrics (04:00 left)');
    expect(file).toContain(`${ANSWER_MARKER}\ndraft line\n`);
    expect(answerFromEditorFile(file + 'more\n\n')).toBe('draft line\nmore');
    expect(answerFromEditorFile('no marker here\n')).toBe('no marker here');
  });
});

describe('requireTty', () => {
  it('names the non-interactive commands when stdin or stdout is not a terminal', () => {
    expect(() => requireTty({ isTTY: true }, { isTTY: true }, 'pmcoach practice')).not.toThrow();
    for (const [i, o] of [[false, true], [true, false], [undefined, undefined]] as const) {
      try {
        requireTty({ isTTY: i }, { isTTY: o }, 'pmcoach practice');
        expect.unreachable();
      } catch (error) {
        expect(isUserError(error) && error.exitCode).toBe(2);
        expect((error as Error).message).toMatch(/pmcoach grade.*pmcoach mock --answers/);
      }
    }
  });
});

describe('summary', () => {
  it('lists each stage with time used against time given, overtime and skips', () => {
    const clock = new FakeClock();
    let s = begin(createSession({ id: 'sid', question: q('x'), minutes: DEFAULT_FRAMEWORK, settings: { hardStop: false, timeScale: 1, timer: true } }, clock.now()), clock.now());
    clock.advance(190_000);
    s = submit(s, 'two words', clock.now());
    s = skip(s, '', clock.now());
    for (let i = 0; i < 3; i++) s = submit(s, 'x', clock.now());
    const text = summary(s.session, createPainter(false));
    expect(text).toContain('Session sid: 4 of 5 stages answered.');
    expect(text).toMatch(/Clarifying questions\s+03:10 of 03:00\s+2 words\s+\+00:10 over/);
    expect(text).toMatch(/Stakeholders\s+skipped/);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createPainter } from '../../src/cli/paint.js';
import { promptStage, type ClockReading, type StagePromptOptions } from '../../src/cli/prompts/stage-editor.js';
import { renderFrame } from '../../src/cli/prompts/frame.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { stripAnsi } from '../helpers/pty.js';

const untimed: ClockReading = { countdown: { text: 'no timer', level: 'untimed' }, timeUp: false, nextInMs: Infinity };

function options(over: Partial<StagePromptOptions> = {}): StagePromptOptions {
  return {
    screen: { questionTitle: 'Q', prompt: 'Should we?', stageTitle: 'Clarifying questions', stageNumber: 1, stageCount: 5, guidance: ['Ask.'], hardStop: false },
    initialText: '',
    clock: () => untimed,
    color: createPainter(false),
    ...over,
  };
}

describe('promptStage', () => {
  it('Enter makes new lines; a line with only "." submits without the dot', async () => {
    const term = fakeTerminal();
    const p = promptStage(term, options());
    term.type('goal?\rhorizon?\r.\r');
    expect(await p.done).toEqual({ kind: 'submit', text: 'goal?\nhorizon?' });
    expect(term.listening()).toBe(0);
  });

  it('Ctrl-D submits; the screen named it', async () => {
    const term = fakeTerminal();
    const p = promptStage(term, options());
    term.press('answer\x04');
    expect(await p.done).toEqual({ kind: 'submit', text: 'answer' });
    expect(stripAnsi(term.out)).toContain('Ctrl-D or a line with only "." submits');
  });

  it(':skip on its own line skips, keeping the rest of the text', async () => {
    const term = fakeTerminal();
    const p = promptStage(term, options());
    term.type('not sure\r:skip\r');
    expect(await p.done).toEqual({ kind: 'skip', text: 'not sure' });
  });

  it('Ctrl-C resolves as an interrupt with every character typed', async () => {
    const term = fakeTerminal();
    const p = promptStage(term, options({ initialText: 'draft ' }));
    term.press('more  \x03');
    expect(await p.done).toEqual({ kind: 'interrupt', text: 'draft more  ' });
  });

  it('starts from a resumed draft with the cursor at its end and reports edits', async () => {
    const term = fakeTerminal();
    const onEdit = vi.fn();
    const p = promptStage(term, options({ initialText: 'line one\nline two', onEdit }));
    expect(stripAnsi(term.out)).toContain('line two');
    term.press('!');
    expect(p.text()).toBe('line one\nline two!');
    term.press('\x1b[D');
    expect(onEdit).toHaveBeenCalledTimes(1);
    term.press('\x04');
    await p.done;
  });

  it('a hard stop reading ends the stage as time-up', async () => {
    const term = fakeTerminal();
    let up = false;
    const p = promptStage(term, options({ clock: () => ({ ...untimed, timeUp: up, nextInMs: 10 }) }));
    term.press('typed so far');
    up = true;
    expect(await p.done).toEqual({ kind: 'time-up', text: 'typed so far' });
  });

  it('the countdown is redrawn from the clock reading, without redrawing the answer', async () => {
    const term = fakeTerminal();
    let seconds = 5;
    const p = promptStage(term, options({ initialText: 'my answer', clock: () => ({ countdown: { text: `00:0${seconds--} left`, level: 'low' }, timeUp: false, nextInMs: 5 }) }));
    const before = term.out.length;
    await new Promise((r) => setTimeout(r, 40));
    const later = stripAnsi(term.out.slice(before));
    expect(later).toMatch(/00:0[0-4] left/);
    expect(later).not.toContain('my answer');
    term.press('\x04');
    await p.done;
  });

  it('a "?" line goes to the interviewer hook when one is given, and the reply is shown', async () => {
    const term = fakeTerminal();
    const onAsk = vi.fn(async (q: string) => `answer to ${q}`);
    const p = promptStage(term, options({ onAsk }));
    term.press('? which market\r');
    await vi.waitFor(() => expect(stripAnsi(term.out)).toContain('Interviewer: answer to which market'));
    expect(onAsk.mock.calls[0]![0]).toBe('which market');
    term.press('\x04');
    expect(stripAnsi(term.out)).toContain('This stage is empty. Submit it empty?');
    term.press('\x04');
    expect((await p.done).text).toBe('');
  });
});

describe('stage editor: empty stages, hard stops, the Q&A log', () => {
  it('Ctrl-D on an empty stage asks once; typing instead goes on answering', async () => {
    const term = fakeTerminal();
    const p = promptStage(term, options());
    term.press('\x04');
    expect(stripAnsi(term.out)).toContain('This stage is empty. Submit it empty?');
    term.type('Goal: retention');
    term.press('\x04');
    expect(await p.done).toEqual({ kind: 'submit', text: 'Goal: retention' });
  });

  it('a hard stop shows "Time\'s up" before the stage ends with what was typed', async () => {
    const term = fakeTerminal();
    let up = false;
    const clock = (): ClockReading => (up ? { countdown: { text: '00:00 left', level: 'low' }, timeUp: true, nextInMs: Infinity } : { countdown: { text: '00:01 left', level: 'low' }, timeUp: false, nextInMs: 20 });
    const p = promptStage(term, options({ clock, timeUpPauseMs: 30 }));
    term.type('half an answer');
    up = true;
    expect(await p.done).toEqual({ kind: 'time-up', text: 'half an answer' });
    expect(stripAnsi(term.out)).toContain("Time's up: the stage ends with what you typed.");
  });

  it('keeps every reply of the stage on screen, newest first, and drops the oldest when 80x24 runs short', async () => {
    const term = fakeTerminal({ columns: 80, rows: 24 });
    const replies = ['Retention over the next year.', 'US and Canada only.', 'Free users, mostly teachers.', 'Launch in Q3.', 'No budget limit.'];
    let n = 0;
    const onAsk = vi.fn(async () => replies[n++]);
    const p = promptStage(term, options({ onAsk, screen: { ...options().screen, guidance: ['Ask the questions that change the answer.', 'State assumptions.'] } }));
    term.type('?What is the goal?\r');
    await vi.waitFor(() => expect(stripAnsi(term.out)).toContain('Interviewer: Retention over the next year.'));
    term.type('?Which markets?\r');
    await vi.waitFor(() => expect(stripAnsi(term.out)).toContain('Interviewer: US and Canada only.'));
    // Both replies are on the screen now, newest first.
    const frame = (log: Array<{ q: string; a: string; done: boolean }>) =>
      renderFrame({ ...options().screen, countdown: untimed.countdown, log }, { lines: [''], row: 0, col: 0 }, { columns: 80, rows: 24 }, { line: 0, seg: 0 }, createPainter(false));
    const two = frame(replies.slice(0, 2).map((a, i) => ({ q: `question ${i + 1}?`, a, done: true }))).lines;
    expect(two.indexOf('  Interviewer: US and Canada only.')).toBeLessThan(two.indexOf('  Interviewer: Retention over the next year.'));
    expect(two.indexOf('  Interviewer: Retention over the next year.')).toBeGreaterThan(0);
    const many = [...replies, 'Mobile first.', 'Two engineers.', 'Legal signed off.'];
    const eight = frame(many.map((a, i) => ({ q: `question ${i + 1}?`, a, done: true })));
    expect(eight.lines).toHaveLength(24);
    expect(eight.editorRows).toBeGreaterThanOrEqual(4);
    expect(eight.lines).toContain('  Interviewer: Legal signed off.');
    expect(eight.lines).not.toContain('  Interviewer: Retention over the next year.');
    term.press('\x03');
    await p.done;
  });
});

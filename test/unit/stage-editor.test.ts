import { describe, expect, it, vi } from 'vitest';
import { createPainter } from '../../src/cli/paint.js';
import { promptStage, type ClockReading, type StagePromptOptions } from '../../src/cli/prompts/stage-editor.js';
import type { Terminal } from '../../src/cli/prompts/terminal.js';
import { stripAnsi } from '../helpers/pty.js';

/** A terminal in memory: keys go in through `press`, drawing is collected in `out`. */
function fakeTerminal() {
  const listeners = new Set<(chunk: string) => void>();
  const term: Terminal & { out: string; press: (s: string) => void; listening: () => number } = {
    columns: 60,
    rows: 20,
    out: '',
    write(text) {
      term.out += text;
    },
    onData(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onResize: () => () => {},
    restore: () => {},
    enter: () => {},
    press: (s) => [...listeners].forEach((l) => l(s)),
    listening: () => listeners.size,
  };
  return term;
}

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
    term.press('goal?\rhorizon?\r.\r');
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
    term.press('not sure\r:skip\r');
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
    expect(onAsk).toHaveBeenCalledWith('which market');
    term.press('\x04');
    expect((await p.done).text).toBe('? which market');
  });
});

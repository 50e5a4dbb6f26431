import { describe, expect, it } from 'vitest';
import { createPainter } from '../../src/cli/paint.js';
import { KeyDecoder } from '../../src/cli/prompts/keys.js';
import { TextBuffer } from '../../src/cli/prompts/text-buffer.js';
import { windowAround, wrapLine } from '../../src/cli/prompts/wrap.js';
import { diffFrame, formatCountdown, renderFrame, wrapText, type StageScreen } from '../../src/cli/prompts/frame.js';

describe('KeyDecoder', () => {
  it('reads several lines arriving in one read as a paste, so a pasted "." line does not submit', () => {
    const keys = new KeyDecoder().feed('first line of my notes\r.\rsecond line\r');
    expect(keys).toEqual([{ name: 'paste', text: 'first line of my notes\n.\nsecond line\n' }]);
    expect(new KeyDecoder().feed('.\r')).toEqual([{ name: 'text', text: '.' }, { name: 'enter' }]);
    expect(new KeyDecoder().feed('typed fast\r')[1]).toEqual({ name: 'enter' });
  });

  const keys = (...chunks: string[]) => {
    const d = new KeyDecoder();
    return chunks.flatMap((c) => d.feed(c));
  };

  it.each([
    ['\r', 'enter'],
    ['\x04', 'submit'],
    ['\x03', 'interrupt'],
    ['\x7f', 'backspace'],
    ['\x1b[A', 'up'],
    ['\x1bOB', 'down'],
    ['\x1b[3~', 'delete'],
    ['\x1b[1;5D', 'word-left'],
    ['\x1b[H', 'home'],
    ['\x1b[6~', 'page-down'],
    ['\x17', 'delete-word'],
    ['\x1b', 'escape'],
  ])('%j is %s', (input, name) => {
    expect(keys(input)).toEqual([{ name }]);
  });

  it('groups ordinary characters into one text key and splits around controls', () => {
    expect(keys('abc\rde\x7f')).toEqual([{ name: 'text', text: 'abc' }, { name: 'enter' }, { name: 'text', text: 'de' }, { name: 'backspace' }]);
  });

  it('treats \\r\\n as one enter and a tab as two spaces', () => {
    expect(keys('a\r\nb\t')).toEqual([{ name: 'text', text: 'a' }, { name: 'enter' }, { name: 'text', text: 'b  ' }]);
  });

  it('a bracketed paste is one literal paste, even across chunks and with "." lines and control keys inside', () => {
    expect(keys('x\x1b[200~line one\r.\r\x04two', '\x1b[20', '1~y')).toEqual([
      { name: 'text', text: 'x' },
      { name: 'paste', text: 'line one\n.\ntwo' },
      { name: 'text', text: 'y' },
    ]);
  });

  it('an escape sequence cut between chunks waits for the rest', () => {
    expect(keys('a\x1b[', 'Bb')).toEqual([{ name: 'text', text: 'a' }, { name: 'down' }, { name: 'text', text: 'b' }]);
  });

  it('keeps non-ASCII text', () => {
    expect(keys('café 😀')).toEqual([{ name: 'text', text: 'café 😀' }]);
  });
});

describe('TextBuffer', () => {
  it('inserts text and newlines at the cursor', () => {
    const b = new TextBuffer();
    b.insert('hello');
    b.newline();
    b.insert('world');
    b.left();
    b.left();
    b.insert('\n');
    expect(b.text).toBe('hello\nwor\nld');
    expect([b.row, b.col]).toEqual([2, 0]);
  });

  it('pastes several lines in the middle of a line', () => {
    const b = new TextBuffer('ab');
    b.left();
    b.insert('1\n2\n3');
    expect(b.text).toBe('a1\n2\n3b');
    expect([b.row, b.col]).toEqual([2, 1]);
  });

  it('backspace joins lines at a line start; delete joins the next line at a line end', () => {
    const b = new TextBuffer('one\ntwo');
    b.home();
    b.backspace();
    expect(b.text).toBe('onetwo');
    expect([b.row, b.col]).toEqual([0, 3]);
    b.deleteForward();
    expect(b.text).toBe('onewo');
    b.end();
    b.insert('\nx');
    b.docStart();
    b.end();
    b.deleteForward();
    expect(b.text).toBe('onewox');
  });

  it('never splits an emoji', () => {
    const b = new TextBuffer('a😀');
    b.backspace();
    expect(b.text).toBe('a');
    const c = new TextBuffer('😀b');
    c.docStart();
    c.right();
    expect(c.col).toBe(2);
  });

  it('word moves and kills', () => {
    const b = new TextBuffer('alpha beta  gamma');
    b.wordLeft();
    expect(b.col).toBe(12);
    b.deleteWordBack();
    expect(b.text).toBe('alpha gamma');
    b.home();
    b.wordRight();
    expect(b.col).toBe(5);
    b.killToLineEnd();
    expect(b.text).toBe('alpha');
    b.killToLineStart();
    expect(b.text).toBe('');
  });

  it('up and down move by wrapped screen rows', () => {
    const b = new TextBuffer('aaaa bbbb cccc\nshort');
    // width 5: rows "aaaa ", "bbbb ", "cccc", then "short"
    b.docStart();
    b.vertical(1, 5);
    expect([b.row, b.col]).toEqual([0, 5]);
    b.vertical(2, 5);
    expect([b.row, b.col]).toEqual([1, 0]);
    b.vertical(-1, 5);
    expect([b.row, b.col]).toEqual([0, 10]);
    b.vertical(-10, 5);
    expect([b.row, b.col]).toEqual([0, 0]);
  });

  it('removeCurrentLine drops a command line', () => {
    const b = new TextBuffer('answer\n.');
    b.removeCurrentLine();
    expect(b.text).toBe('answer');
  });
});

describe('TextBuffer moves and deletes by grapheme', () => {
  it.each([
    ['👨‍👩‍👧', ''],
    ['ae\u0301', 'a'],
    ['ok🇫🇷', 'ok'],
    ['主要', '主'],
  ])('Backspace after %j leaves %j', (typed, left) => {
    const b = new TextBuffer('');
    b.insert(typed);
    b.backspace();
    expect(b.text).toBe(left);
  });

  it('left and Delete step over a whole grapheme', () => {
    const b = new TextBuffer('a👨‍👩‍👧b');
    b.left();
    b.left();
    expect(b.col).toBe(1);
    b.deleteForward();
    expect(b.text).toBe('ab');
  });

  it('up and down keep the display column over wide characters', () => {
    const b = new TextBuffer('abcdef\n主要指标');
    b.docStart();
    b.end();
    b.col = 4;
    b.vertical(1, 40);
    expect(b.row).toBe(1);
    expect(b.col).toBe(2);
  });
});

describe('wrapLine and windowAround', () => {
  it('wraps at spaces, cuts words longer than the width, and adds no blank row after a line that exactly fills', () => {
    expect(wrapLine('hello world', 6)).toEqual([0, 6]);
    expect(wrapLine('abcdefghij', 4)).toEqual([0, 4, 8]);
    expect(wrapLine('abcd', 4)).toEqual([0]);
    expect(wrapLine('', 4)).toEqual([0]);
  });

  it('wraps by display columns: CJK takes two, an emoji family one grapheme of two, accents none', () => {
    const cjk = '主要指标'.repeat(10); // 40 characters, 80 columns
    const starts = wrapLine(cjk, 30);
    expect(starts).toEqual([0, 15, 30]);
    expect(wrapLine('ab 主要指标 cd', 8)).toEqual([0, 3, 8]);
    const family = '👨‍👩‍👧'.repeat(5);
    const rows = wrapLine(family, 4);
    expect(rows.length).toBe(3);
    for (const at of rows) expect(family.slice(at).startsWith('👨')).toBe(true);
    expect(wrapLine('cafe\u0301 cafe\u0301', 9)).toEqual([0]);
  });

  it('puts the cursor at the display column, after wide characters', () => {
    const w = windowAround(['主要指标'], { row: 0, col: 4 }, 40, 3, { line: 0, seg: 0 });
    expect(w.cursor).toEqual({ row: 0, col: 8 });
    const mixed = 'é主😀a';
    expect(windowAround([mixed], { row: 0, col: mixed.length }, 40, 3, { line: 0, seg: 0 }).cursor.col).toBe(6);
  });

  it('shows the rows around the cursor and keeps its place while the cursor stays inside', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const w = windowAround(lines, { row: 99, col: 7 }, 20, 5, { line: 0, seg: 0 });
    expect(w.rows).toEqual(['line 95', 'line 96', 'line 97', 'line 98', 'line 99']);
    expect(w.cursor).toEqual({ row: 4, col: 7 });
    const up = windowAround(lines, { row: 96, col: 0 }, 20, 5, w.anchor);
    expect(up.rows[0]).toBe('line 95');
    expect(up.cursor.row).toBe(1);
    const above = windowAround(lines, { row: 10, col: 0 }, 20, 5, w.anchor);
    expect(above.rows[0]).toBe('line 10');
  });

  it('with a 5,000-word answer it only wraps what it shows', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}`);
    const lines = [];
    for (let i = 0; i < words.length; i += 100) lines.push(words.slice(i, i + 100).join(' '));
    const w = windowAround(lines, { row: lines.length - 1, col: lines.at(-1)!.length }, 60, 10, { line: 0, seg: 0 });
    expect(w.rows).toHaveLength(10);
    expect(w.rows.at(-1)!.endsWith('word4999')).toBe(true);
  });
});

describe('frame', () => {
  const plain = createPainter(false);
  const screen: StageScreen = {
    questionTitle: 'Ad load',
    prompt: 'Should we show more ads?',
    stageTitle: 'Metrics',
    stageNumber: 3,
    stageCount: 5,
    guidance: ['One primary metric, defined precisely.'],
    countdown: { text: '03:12 left', level: 'ok' },
    hardStop: false,
  };

  it('formats the countdown: rounded up while counting down, overtime counting up', () => {
    const base = { allottedMs: 240_000, usedMs: 0, overtimeMs: 0 };
    expect(formatCountdown({ ...base, remainingMs: 191_200, level: 'ok' })).toEqual({ text: '03:12 left', level: 'ok' });
    expect(formatCountdown({ ...base, remainingMs: 29_000, level: 'low' })).toEqual({ text: '00:29 left', level: 'low' });
    expect(formatCountdown({ ...base, remainingMs: 0, overtimeMs: 65_900, level: 'over' })).toEqual({ text: '+01:05 over', level: 'over' });
    expect(formatCountdown({ ...base, remainingMs: 0, level: 'untimed' }).text).toBe('no timer');
  });

  it('draws title, stage, countdown, guidance, answer and the submit key, filling the terminal', () => {
    const f = renderFrame(screen, { lines: ['my answer'], row: 0, col: 9 }, { columns: 60, rows: 20 }, { line: 0, seg: 0 }, plain);
    expect(f.lines).toHaveLength(20);
    const text = f.lines.join('\n');
    expect(text).toContain('pmcoach · Ad load');
    expect(text).toContain('stage 3 of 5');
    expect(text).toMatch(/▸ Metrics\s+03:12 left/);
    expect(text).toContain('One primary metric');
    expect(text).toContain('Ctrl-D');
    expect(f.lines.every((l) => l.length < 60)).toBe(true);
    expect(f.lines[f.cursor.row]!.slice(0, f.cursor.col)).toBe('  my answer');
  });

  it('colours the countdown yellow when low and red in overtime', () => {
    const c = createPainter(true);
    const low = renderFrame({ ...screen, countdown: { text: '00:20 left', level: 'low' } }, { lines: [''], row: 0, col: 0 }, { columns: 60, rows: 20 }, { line: 0, seg: 0 }, c);
    expect(low.lines.join('')).toContain('\x1b[33m');
    const over = renderFrame({ ...screen, countdown: { text: '+00:05 over', level: 'over' } }, { lines: [''], row: 0, col: 0 }, { columns: 60, rows: 20 }, { line: 0, seg: 0 }, c);
    expect(over.lines.join('')).toContain('\x1b[31m');
  });

  it('a countdown tick rewrites one row; typing rewrites only the line typed on', () => {
    const size = { columns: 60, rows: 20 };
    const a = renderFrame(screen, { lines: ['abc'], row: 0, col: 3 }, size, { line: 0, seg: 0 }, plain);
    const tick = renderFrame({ ...screen, countdown: { text: '03:11 left', level: 'ok' } }, { lines: ['abc'], row: 0, col: 3 }, size, a.anchor, plain);
    const rows = (out: string) => out.match(/\x1b\[\d+;1H/g) ?? [];
    expect(rows(diffFrame(a.lines, tick))).toHaveLength(1);
    const typed = renderFrame(screen, { lines: ['abcd'], row: 0, col: 4 }, size, a.anchor, plain);
    const out = diffFrame(a.lines, typed);
    expect(rows(out)).toHaveLength(1);
    expect(out).toContain('abcd');
    expect(diffFrame(null, a)).toContain('\x1b[2J');
  });

  it('a small terminal gives up guidance and prompt before the editor', () => {
    const f = renderFrame({ ...screen, guidance: ['a b c', 'd e f', 'g h i'] }, { lines: ['x'], row: 0, col: 1 }, { columns: 40, rows: 10 }, { line: 0, seg: 0 }, plain);
    expect(f.lines).toHaveLength(10);
    expect(f.lines.join('\n')).not.toContain('g h i');
    expect(f.lines.filter((l) => l === '  x')).toHaveLength(1);
  });

  it('wrapText caps the rows and marks the cut', () => {
    expect(wrapText('one two three four five six', 9, 2)).toEqual(['one two', 'three…']);
  });
});

import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { openTerminal } from '../../src/cli/prompts/terminal.js';

function fakeTty() {
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    setRawMode: () => stdin,
    setEncoding: () => stdin,
    resume: () => stdin,
    pause: () => stdin,
  });
  const stdout = Object.assign(new EventEmitter(), { isTTY: true, columns: 80, rows: 24, out: '', write: (s: string) => ((stdout.out += s), true) });
  return { stdin, stdout, term: openTerminal(stdin as unknown as NodeJS.ReadStream, stdout as unknown as NodeJS.WriteStream) };
}

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

describe('the terminal', () => {
  it('keeps keys typed between two screens for the next one', async () => {
    const { stdin, term } = fakeTty();
    term.enter();
    const first: string[] = [];
    const off = term.onData((c) => void first.push(c));
    stdin.emit('data', 'stage one');
    off();
    stdin.emit('data', 'typed ');
    stdin.emit('data', 'ahead');
    const second: string[] = [];
    term.onData((c) => void second.push(c));
    await nextTurn();
    expect(first).toEqual(['stage one']);
    expect(second).toEqual(['typed ', 'ahead']);
  });

  it('a listener that leaves a chunk unread passes it on to the next screen', async () => {
    const { stdin, term } = fakeTty();
    term.enter();
    const off = term.onData((c) => (c === '\x03' ? true : false));
    stdin.emit('data', 'I would');
    off();
    const got: string[] = [];
    term.onData((c) => void got.push(c));
    await nextTurn();
    expect(got).toEqual(['I would']);
  });

  it('stops reading keys when restored, and writes nothing then', () => {
    const { stdin, stdout, term } = fakeTty();
    term.enter();
    term.restore();
    expect(stdin.listenerCount('data')).toBe(0);
    const before = stdout.out;
    term.write('hidden');
    expect(stdout.out).toBe(before);
  });
});

import type { Terminal } from './terminal.js';
import { SPINNER_FRAMES } from '../spinner.js';

export type WaitOutcome<T> = { kind: 'done'; value: T } | { kind: 'interrupt' };

export interface WaitScreen<T> {
  outcome: Promise<WaitOutcome<T>>;
  /** Text streamed in while waiting (shown under the spinner line). */
  stream(partial: string): void;
}

/**
 * A spinner on a cleared screen while `work` runs (e.g. the interviewer preparing a follow-up), with any text
 * streamed so far under it. Ctrl-C resolves 'interrupt' at once (the work is left to finish on its own); a
 * failing `work` rejects.
 */
export function waitScreen<T>(term: Terminal, text: string, work: Promise<T>): WaitScreen<T> {
  let i = 0;
  let partial = '';
  let settled = false;
  let resolve!: (o: WaitOutcome<T>) => void;
  let reject!: (error: unknown) => void;
  const outcome = new Promise<WaitOutcome<T>>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const draw = (): void => {
    if (settled) return;
    term.write(`\x1b[?25l\x1b[H\x1b[2J  ${SPINNER_FRAMES[i++ % SPINNER_FRAMES.length]} ${text}\r\n`);
    if (partial) term.write(`\r\n  ${partial.replace(/\s+/g, ' ')}\r\n`);
  };
  const timer = setInterval(draw, 100);
  const off = term.onData((chunk) => {
    if (!chunk.includes('\x03')) return false; // typing ahead: it belongs to the next screen
    finish({ kind: 'interrupt' });
    return true;
  });
  function finish(o: WaitOutcome<T> | { kind: 'error'; error: unknown }): void {
    if (settled) return;
    settled = true;
    clearInterval(timer);
    off();
    term.write('\x1b[?25h');
    if (o.kind === 'error') reject(o.error);
    else resolve(o);
  }
  work.then(
    (value) => finish({ kind: 'done', value }),
    (error: unknown) => finish({ kind: 'error', error }),
  );
  draw();
  return {
    outcome,
    stream: (p) => {
      partial = p;
      draw();
    },
  };
}

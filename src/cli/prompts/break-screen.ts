import type { Terminal } from './terminal.js';
import { mmss } from './frame.js';

/**
 * The pause between two questions of a mock interview: a countdown, Enter to go on early,
 * Ctrl-C to stop (resolves 'interrupt'). Redraws once a second, on one line.
 */
export function breakScreen(term: Terminal, opts: { seconds: number; next: string; index: number; total: number }): Promise<'continue' | 'interrupt'> {
  return new Promise((resolve) => {
    const end = Date.now() + opts.seconds * 1000;
    term.write('\x1b[2J\x1b[H');
    term.write(`Break · question ${opts.index} of ${opts.total} is next: ${opts.next}\r\n\r\n`);
    const draw = (): void => {
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      term.write(`\r\x1b[2K  Next question in ${mmss(left)} · Enter starts it now · Ctrl-C stops the interview`);
      if (left === 0) finish('continue');
    };
    let timer: NodeJS.Timeout | undefined;
    const off = term.onData((chunk) => {
      if (chunk.includes('\x03')) finish('interrupt');
      else if (chunk.includes('\r') || chunk.includes('\n')) finish('continue');
      else return false; // typing ahead: it belongs to the next question's first stage
      return true;
    });
    function finish(outcome: 'continue' | 'interrupt'): void {
      if (timer) clearInterval(timer);
      off();
      resolve(outcome);
    }
    draw();
    timer = setInterval(draw, 1000);
  });
}

import type { Terminal } from '../../src/cli/prompts/terminal.js';

export interface FakeTerminal extends Terminal {
  /** Everything drawn so far, raw. */
  out: string;
  /** One chunk of input, as one read from the terminal (several lines in one read count as a paste). */
  press(s: string): void;
  /** One key per read, as a person types. */
  type(s: string): void;
  /** How many key listeners are attached (0 once a screen is done). */
  listening(): number;
}

/** The one terminal in memory for unit tests: keys go in through `press`/`type`, drawing is collected in `out`. */
export function fakeTerminal(size: { columns?: number; rows?: number } = {}): FakeTerminal {
  const listeners = new Set<(chunk: string) => void | boolean>();
  const send = (chunk: string): void => [...listeners].forEach((l) => void l(chunk));
  const term: FakeTerminal = {
    columns: size.columns ?? 60,
    rows: size.rows ?? 20,
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
    press: send,
    type: (s) => [...s].forEach(send),
    listening: () => listeners.size,
  };
  return term;
}

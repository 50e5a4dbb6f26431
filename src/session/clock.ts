/** Time as the session engine sees it: milliseconds since the epoch. Tests pass a fake. */
export interface Clock {
  now(): number;
}

/** A clock that can also schedule work: what the draft saver and the countdown need. */
export interface Timers extends Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

import { readEnv } from '../env.js';
import type { Timers } from './clock.js';

/** How often a draft is saved while the candidate types, unless PMCOACH_AUTOSAVE_MS says otherwise. */
export const DEFAULT_AUTOSAVE_MS = 5_000;

/** PMCOACH_AUTOSAVE_MS (milliseconds, at least 50): tests shorten it; anything else falls back to 5 s. */
export function autosaveInterval(env: NodeJS.ProcessEnv): number {
  const raw = readEnv(env).autosaveMs;
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 50 ? Math.round(n) : DEFAULT_AUTOSAVE_MS;
}

/**
 * Saves the session draft at most once per interval while the candidate types, so a crash or `kill -9`
 * loses at most one interval of typing; `flush` saves at once (every stage, every signal). A save that
 * fails (a full disk) is tried again an interval later until one works.
 * The save itself is injected: it builds the record from the live state and writes it atomically.
 */
export class DraftSaver {
  private timer: unknown = null;
  private lastSave = -Infinity;
  private dirty = false;
  private disposed = false;

  constructor(
    /** Writes the draft; false when the write failed, and the saver tries again an interval later. */
    private readonly save: () => boolean | void,
    private readonly timers: Timers,
    readonly intervalMs: number = DEFAULT_AUTOSAVE_MS,
  ) {}

  /** The draft changed: a save is scheduled within the interval (never on the keystroke itself). */
  changed(): void {
    if (this.disposed) return;
    this.dirty = true;
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastSave + this.intervalMs - this.timers.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (this.dirty) this.flush();
    }, wait);
  }

  /** Saves now and cancels any pending save. */
  flush(): void {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    this.dirty = false;
    this.lastSave = this.timers.now();
    if (this.save() === false) this.changed();
  }

  /** Stops scheduling (the session is over); a pending save is dropped, so flush first if it matters. */
  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}

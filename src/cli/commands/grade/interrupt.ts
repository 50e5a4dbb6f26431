import { constants } from 'node:os';
import type { GradeRun } from './engine.js';
import { plural } from '../../../text/format.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof SIGNALS)[number];

/**
 * SIGINT, SIGTERM and SIGHUP while grading: what is finished is already written (each file as it is graded), so
 * the handler only reports, and the process ends with 128 + the signal number. This and main are the only exits.
 */
export function onInterrupt(report: (signal: StopSignal) => void, proc: Pick<NodeJS.Process, 'on' | 'off' | 'exit'> = process): () => void {
  let done = false;
  const handler = (signal: StopSignal): void => {
    if (done) return;
    done = true;
    try {
      report(signal);
    } finally {
      proc.exit(128 + constants.signals[signal]);
    }
  };
  for (const s of SIGNALS) proc.on(s, handler);
  return () => {
    for (const s of SIGNALS) proc.off(s, handler);
  };
}

/** The one line after an interrupt: how many are done, where they are, and how to go on. Pure. */
export function interruptedLine(run: Pick<GradeRun, 'items' | 'sessions' | 'waiting'>, signal: StopSignal, out: string | undefined): string {
  const why = signal === 'SIGINT' ? 'interrupted' : `stopped (${signal})`;
  if (run.waiting && run.waiting.batches.length === 0) return `pmcoach: ${why} before any batch was submitted; nothing is running on the server.`;
  if (run.waiting) {
    const ids = run.waiting.batches.map((b) => b.id).join(', ');
    return `pmcoach: ${why}; the batch keeps running on the server (${ids}). Run the same command again to pick up its results without a new batch (pmcoach batches lists it; pmcoach batches cancel ID stops it).`;
  }
  const done = run.sessions.filter(Boolean).length;
  const where = out ? `written to ${out}; run the same command again to grade the other ${run.items.length - done} (files already in ${out} are skipped)` : 'none were written (give --out DIR to keep results across runs)';
  return `pmcoach: ${why}: ${done} of ${plural(run.items.length, 'file')} graded, ${where}.`;
}

import type { SessionRecord } from './types.js';

/**
 * The one definition of a session's total time: every stage, plus the interviewer's follow-up when the
 * session had one (it has its own countdown). `followup` says whether it is included, so every screen can
 * say so. Pure.
 */
export interface SessionTime {
  secondsUsed: number;
  secondsAllotted: number;
  overtimeSeconds: number;
  /** True when the follow-up's time is part of the totals. */
  followup: boolean;
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

export function sessionTime(session: Pick<SessionRecord, 'stages' | 'followup'>): SessionTime {
  const t: SessionTime = { secondsUsed: 0, secondsAllotted: 0, overtimeSeconds: 0, followup: false };
  for (const s of session.stages) {
    t.secondsUsed += n(s.secondsUsed);
    t.secondsAllotted += n(s.secondsAllotted);
    t.overtimeSeconds += n(s.overtimeSeconds);
  }
  const f = session.followup;
  if (f && (f.secondsUsed !== undefined || f.secondsAllotted !== undefined)) {
    t.secondsUsed += n(f.secondsUsed);
    t.secondsAllotted += n(f.secondsAllotted);
    t.overtimeSeconds += n(f.overtimeSeconds);
    t.followup = true;
  }
  return t;
}

/** The stages' time alone (the follow-up left out), with the stages that ran over: for transcripts and summaries. Pure. */
export interface TimeTotals {
  secondsUsed: number;
  secondsAllotted: number;
  overtimeSeconds: number;
  overtimeStages: string[];
}

export function timeTotals(session: Pick<SessionRecord, 'stages'>): TimeTotals {
  const t: TimeTotals = { secondsUsed: 0, secondsAllotted: 0, overtimeSeconds: 0, overtimeStages: [] };
  for (const s of session.stages) {
    t.secondsUsed += Number(s.secondsUsed) || 0;
    t.secondsAllotted += Number(s.secondsAllotted) || 0;
    const over = Number(s.overtimeSeconds) || 0;
    if (over > 0) {
      t.overtimeSeconds += over;
      t.overtimeStages.push(s.id);
    }
  }
  return t;
}

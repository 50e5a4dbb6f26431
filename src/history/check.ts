import type { SessionRecord } from '../session/types.js';
import { checkSession } from '../session/schema.js';

/** The first problems found (`stages.2.text: ...`), or undefined when the session is readable. Pure. */
export function sessionProblem(value: unknown): string | undefined {
  const r = checkSession(value);
  return 'problem' in r ? r.problem : undefined;
}

/** Splits sessions into the readable ones and the others. Pure. */
export function readableSessions(sessions: readonly SessionRecord[]): { ok: SessionRecord[]; bad: SessionRecord[] } {
  const ok: SessionRecord[] = [];
  const bad: SessionRecord[] = [];
  for (const s of sessions) (sessionProblem(s) === undefined ? ok : bad).push(s);
  return { ok, bad };
}

import type { Question } from '../questions/schema.js';
import { STAGE_IDS, type StageId } from '../questions/stages.js';
import type { Exchange, FollowUp, SessionRecord, StageRecord } from './types.js';

/**
 * The practice session as a pure state machine. Every transition takes the time (`now`, in ms from an
 * injected clock) and returns a new state; nothing here touches the terminal, the disk or real time.
 *
 *   createSession -> begin (start, or resume a saved record) -> type* -> submit | skip | time-up (hard stop)
 *   -> next stage ... -> [awaiting-followup -> startFollowUp(q) -> type* -> submit | skip | time-up] -> finished.
 *   interrupt() pauses the clock; begin() on the saved record resumes the same stage (or the follow-up) with
 *   its draft and the time that was left.
 *
 * The follow-up (the interviewer's push-back after the recommendation) is a step of its own, with its own
 * countdown (`settings.followupSeconds`); sessions without that setting end after the last stage, as before.
 */

export type SessionSettings = SessionRecord['settings'];

export interface EngineState {
  readonly session: SessionRecord;
  /** The stage being answered; `session.stages.length` once every stage is over (the follow-up, or the end). */
  readonly index: number;
  /** When the current stretch of work on this stage began (ms); null while interrupted or finished. */
  readonly runningSince: number | null;
  /** Milliseconds spent on this stage in earlier stretches (a resumed session starts with them). */
  readonly usedBeforeMs: number;
}

/** Seconds given to a stage: its minutes times the time scale, at least one second. */
export function allotSeconds(minutes: number, timeScale: number): number {
  return Math.max(1, Math.round(minutes * 60 * timeScale));
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function createSession(
  input: { id: string; question: Question; minutes: Record<StageId, number>; settings: SessionSettings; candidate?: string; followupMinutes?: number },
  now: number,
): SessionRecord {
  const settings: SessionSettings =
    input.followupMinutes !== undefined ? { ...input.settings, followupSeconds: allotSeconds(input.followupMinutes, input.settings.timeScale) } : input.settings;
  const stages: StageRecord[] = STAGE_IDS.map((id) => ({
    id,
    text: '',
    status: 'pending',
    secondsUsed: 0,
    secondsAllotted: allotSeconds(input.minutes[id], input.settings.timeScale),
    overtimeSeconds: 0,
  }));
  return {
    schemaVersion: 1,
    id: input.id,
    origin: 'practice',
    status: 'in-progress',
    createdAt: iso(now),
    updatedAt: iso(now),
    ...(input.candidate ? { candidate: input.candidate } : {}),
    question: input.question,
    stages,
    asked: [],
    settings,
  };
}

/** The session still owes a push-back step (it has a follow-up countdown and the follow-up is not over). */
function owesFollowUp(session: SessionRecord): boolean {
  const f = session.followup;
  return (session.settings.followupSeconds ?? 0) > 0 && f?.status !== 'done' && f?.status !== 'skipped';
}

/**
 * Starts a new session or resumes a saved one: the first stage not yet over becomes active, its clock runs;
 * with every stage over, an unfinished follow-up resumes (or waits for its question), else the session ends.
 */
export function begin(session: SessionRecord, now: number): EngineState {
  const index = session.stages.findIndex((s) => s.status === 'pending' || s.status === 'active');
  if (index >= 0) return activate({ session, index, runningSince: null, usedBeforeMs: 0 }, index, now);
  const end = session.stages.length;
  if (session.status !== 'finished' && owesFollowUp(session)) {
    const f = session.followup;
    if (f?.status === 'active') return { session: { ...session, updatedAt: iso(now) }, index: end, runningSince: now, usedBeforeMs: (f.secondsUsed ?? 0) * 1000 };
    return { session: { ...session, status: 'in-progress', updatedAt: iso(now) }, index: end, runningSince: null, usedBeforeMs: 0 };
  }
  return { session: { ...session, status: 'finished', updatedAt: iso(now) }, index: end, runningSince: null, usedBeforeMs: 0 };
}

export type Phase = 'stage' | 'awaiting-followup' | 'followup' | 'finished';

/** Where the session stands: in a stage, waiting for the interviewer's follow-up, answering it, or over. */
export function phaseOf(state: EngineState): Phase {
  if (state.index < state.session.stages.length) return 'stage';
  if (state.session.status === 'finished') return 'finished';
  return state.session.followup?.status === 'active' ? 'followup' : 'awaiting-followup';
}

/** The interviewer's push-back arrived: its countdown starts now. */
export function startFollowUp(state: EngineState, q: string, now: number, source?: FollowUp['source']): EngineState {
  if (phaseOf(state) !== 'awaiting-followup') throw new Error(`session engine: cannot start the follow-up in phase ${phaseOf(state)}`);
  const followup: FollowUp = {
    q,
    answer: '',
    status: 'active',
    startedAt: iso(now),
    secondsUsed: 0,
    secondsAllotted: state.session.settings.followupSeconds ?? 0,
    overtimeSeconds: 0,
    ...(source ? { source } : {}),
  };
  return { session: { ...state.session, followup, updatedAt: iso(now) }, index: state.index, runningSince: now, usedBeforeMs: 0 };
}

/** No push-back after all (the question has no follow-ups): the session ends without one. */
export function dropFollowUp(state: EngineState, now: number): EngineState {
  if (phaseOf(state) !== 'awaiting-followup') throw new Error(`session engine: cannot drop the follow-up in phase ${phaseOf(state)}`);
  return { ...state, session: { ...state.session, status: 'finished', updatedAt: iso(now) }, runningSince: null, usedBeforeMs: 0 };
}

function activate(state: EngineState, index: number, now: number): EngineState {
  const stage = state.session.stages[index]!;
  const active: StageRecord = { ...stage, status: 'active', startedAt: stage.startedAt ?? iso(now) };
  return {
    session: { ...state.session, status: 'in-progress', stages: replaceAt(state.session.stages, index, active), updatedAt: iso(now) },
    index,
    runningSince: now,
    usedBeforeMs: stage.secondsUsed * 1000,
  };
}

export function isFinished(state: EngineState): boolean {
  return phaseOf(state) === 'finished';
}

/** The stage being answered (undefined during and after the follow-up). */
export function currentStage(state: EngineState): StageRecord | undefined {
  return state.session.stages[state.index];
}

/** What the clock and the editor work on: the current stage, or the follow-up while it is answered. */
interface Step {
  text: string;
  secondsUsed: number;
  secondsAllotted: number;
}

function stepOf(state: EngineState): Step | undefined {
  const stage = currentStage(state);
  if (stage) return stage;
  const f = state.session.followup;
  if (phaseOf(state) !== 'followup' || !f) return undefined;
  return { text: f.answer, secondsUsed: f.secondsUsed ?? 0, secondsAllotted: f.secondsAllotted ?? 0 };
}

function active(state: EngineState, action: string): Step {
  const step = stepOf(state);
  if (!step) throw new Error(`session engine: cannot ${action}: nothing is being answered (phase ${phaseOf(state)})`);
  return step;
}

/** Writes the draft and time of the current step, stage or follow-up. */
function withStep(state: EngineState, patch: { text: string; secondsUsed: number }, now: number): EngineState {
  const stage = currentStage(state);
  if (stage) return withStage(state, { ...stage, ...patch }, now);
  const followup: FollowUp = { ...state.session.followup!, answer: patch.text, secondsUsed: patch.secondsUsed };
  return { ...state, session: { ...state.session, followup, updatedAt: iso(now) } };
}

/** Milliseconds spent on the current stage, over every stretch. */
export function usedMs(state: EngineState, now: number): number {
  return state.usedBeforeMs + (state.runningSince === null ? 0 : Math.max(0, now - state.runningSince));
}

/** The candidate's draft changed (the terminal calls this before saving, not on every key). */
export function type(state: EngineState, text: string, now: number): EngineState {
  active(state, 'type');
  return withStep(state, { text, secondsUsed: Math.round(usedMs(state, now) / 1000) }, now);
}

/** Ends the stage with its answer and moves on to the next one (or finishes the session). */
export function submit(state: EngineState, text: string, now: number): EngineState {
  return end(state, text, 'done', now);
}

/** Skips the stage; whatever was typed is kept. */
export function skip(state: EngineState, text: string, now: number): EngineState {
  return end(state, text, 'skipped', now);
}

function end(state: EngineState, text: string, status: 'done' | 'skipped', now: number, capAtAllotted = false): EngineState {
  const step = active(state, status === 'done' ? 'submit' : 'skip');
  const timed = state.session.settings.timer;
  const raw = Math.round(usedMs(state, now) / 1000);
  const used = capAtAllotted ? Math.min(raw, step.secondsAllotted) : raw;
  const times = { status, endedAt: iso(now), secondsUsed: used, overtimeSeconds: timed ? Math.max(0, used - step.secondsAllotted) : 0 };
  const stage = currentStage(state);
  if (!stage) {
    const followup: FollowUp = { ...state.session.followup!, answer: text, ...times };
    return { session: { ...state.session, followup, status: 'finished', updatedAt: iso(now) }, index: state.index, runningSince: null, usedBeforeMs: 0 };
  }
  const next = withStage(state, { ...stage, text, ...times }, now);
  const nextIndex = state.index + 1;
  if (nextIndex < next.session.stages.length) return activate(next, nextIndex, now);
  const over = owesFollowUp(next.session) ? 'in-progress' : 'finished';
  return { session: { ...next.session, status: over }, index: nextIndex, runningSince: null, usedBeforeMs: 0 };
}

export type TickEvent = 'none' | 'time-up';

/**
 * The clock moved. With a hard stop, reaching zero ends the stage with the text as last typed (call
 * `type` first) and starts the next one; soft limits only go into overtime, which `clockOf` reports.
 */
export function tick(state: EngineState, now: number): { state: EngineState; event: TickEvent } {
  const step = stepOf(state);
  const { settings } = state.session;
  if (!step || state.runningSince === null || !settings.timer || !settings.hardStop) return { state, event: 'none' };
  if (usedMs(state, now) < step.secondsAllotted * 1000) return { state, event: 'none' };
  return { state: end(state, step.text, 'done', now, true), event: 'time-up' };
}

/** Ctrl-C, a signal or a crash: the clock stops, the stage stays active with its draft, ready to resume. */
export function interrupt(state: EngineState, now: number): EngineState {
  const step = stepOf(state);
  if (!step || state.runningSince === null) return state;
  const used = usedMs(state, now);
  const paused = withStep(state, { text: step.text, secondsUsed: Math.round(used / 1000) }, now);
  return { ...paused, runningSince: null, usedBeforeMs: used };
}

/** Restarts the clock after interrupt() in the same process (a saved record resumes through begin()). */
export function resume(state: EngineState, now: number): EngineState {
  if (!stepOf(state) || state.runningSince !== null) return state;
  return { ...state, runningSince: now };
}

/** The session as it should be saved now: the active stage's (or follow-up's) seconds so far included. */
export function snapshot(state: EngineState, now: number): SessionRecord {
  const step = stepOf(state);
  if (!step) return state.session;
  return withStep(state, { text: step.text, secondsUsed: Math.round(usedMs(state, now) / 1000) }, now).session;
}

/** A clarifying question the candidate asked and the reply it got (the interviewer issue calls this). */
export function recordAsked(state: EngineState, exchange: Exchange, now: number): EngineState {
  return { ...state, session: { ...state.session, asked: [...state.session.asked, exchange], updatedAt: iso(now) } };
}

export type ClockLevel = 'ok' | 'low' | 'over' | 'untimed';

export interface StageClock {
  allottedMs: number;
  usedMs: number;
  /** Time left (0 once over). */
  remainingMs: number;
  overtimeMs: number;
  /** untimed with --no-timer; low under 30 s; over in overtime. */
  level: ClockLevel;
}

export const LOW_TIME_MS = 30_000;

/** What the countdown shows for the current stage. */
export function clockOf(state: EngineState, now: number): StageClock | undefined {
  const step = stepOf(state);
  if (!step) return undefined;
  const allottedMs = step.secondsAllotted * 1000;
  const used = usedMs(state, now);
  const remainingMs = Math.max(0, allottedMs - used);
  const overtimeMs = Math.max(0, used - allottedMs);
  const level: ClockLevel = !state.session.settings.timer ? 'untimed' : used >= allottedMs ? 'over' : remainingMs <= LOW_TIME_MS ? 'low' : 'ok';
  return { allottedMs, usedMs: used, remainingMs, overtimeMs, level };
}

/** Milliseconds until the countdown's whole-second display next changes. */
export function msToNextSecond(state: EngineState, now: number): number {
  const step = stepOf(state);
  if (!step || state.runningSince === null) return 1000;
  const used = usedMs(state, now);
  const allottedMs = step.secondsAllotted * 1000;
  // Counting down the display changes when (allotted - used) crosses a whole second; counting up, when used does.
  const phase = used < allottedMs ? (allottedMs - used) % 1000 : (used - allottedMs) % 1000;
  const wait = used < allottedMs ? phase : 1000 - phase;
  return wait <= 0 ? 1000 : wait;
}

function withStage(state: EngineState, stage: StageRecord, now: number): EngineState {
  return { ...state, session: { ...state.session, stages: replaceAt(state.session.stages, state.index, stage), updatedAt: iso(now) } };
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

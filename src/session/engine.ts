import type { Question } from '../questions/schema.js';
import { STAGE_IDS, type StageId } from '../questions/stages.js';
import type { Exchange, SessionRecord, StageRecord } from './types.js';

/**
 * The practice session as a pure state machine. Every transition takes the time (`now`, in ms from an
 * injected clock) and returns a new state; nothing here touches the terminal, the disk or real time.
 *
 *   createSession -> begin (start, or resume a saved record) -> type* -> submit | skip | time-up (hard stop)
 *   -> next stage ... -> finished.  interrupt() pauses the clock; begin() on the saved record resumes
 *   the same stage with its draft and the time that was left.
 */

export type SessionSettings = SessionRecord['settings'];

export interface EngineState {
  readonly session: SessionRecord;
  /** The stage being answered; `session.stages.length` once every stage is over. */
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
  input: { id: string; question: Question; minutes: Record<StageId, number>; settings: SessionSettings; candidate?: string },
  now: number,
): SessionRecord {
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
    settings: input.settings,
  };
}

/** Starts a new session or resumes a saved one: the first stage not yet over becomes active, its clock runs. */
export function begin(session: SessionRecord, now: number): EngineState {
  const index = session.stages.findIndex((s) => s.status === 'pending' || s.status === 'active');
  if (index < 0) return { session: { ...session, status: 'finished', updatedAt: iso(now) }, index: session.stages.length, runningSince: null, usedBeforeMs: 0 };
  return activate({ session, index, runningSince: null, usedBeforeMs: 0 }, index, now);
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
  return state.index >= state.session.stages.length;
}

export function currentStage(state: EngineState): StageRecord | undefined {
  return state.session.stages[state.index];
}

function active(state: EngineState, action: string): StageRecord {
  const stage = currentStage(state);
  if (!stage) throw new Error(`session engine: cannot ${action}: the session is finished`);
  return stage;
}

/** Milliseconds spent on the current stage, over every stretch. */
export function usedMs(state: EngineState, now: number): number {
  return state.usedBeforeMs + (state.runningSince === null ? 0 : Math.max(0, now - state.runningSince));
}

/** The candidate's draft changed (the terminal calls this before saving, not on every key). */
export function type(state: EngineState, text: string, now: number): EngineState {
  const stage = active(state, 'type');
  return withStage(state, { ...stage, text, secondsUsed: Math.round(usedMs(state, now) / 1000) }, now);
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
  const stage = active(state, status === 'done' ? 'submit' : 'skip');
  const timed = state.session.settings.timer;
  const raw = Math.round(usedMs(state, now) / 1000);
  const used = capAtAllotted ? Math.min(raw, stage.secondsAllotted) : raw;
  const ended: StageRecord = {
    ...stage,
    text,
    status,
    endedAt: iso(now),
    secondsUsed: used,
    overtimeSeconds: timed ? Math.max(0, used - stage.secondsAllotted) : 0,
  };
  const next = withStage(state, ended, now);
  const nextIndex = state.index + 1;
  if (nextIndex < next.session.stages.length) return activate(next, nextIndex, now);
  return { session: { ...next.session, status: 'finished' }, index: nextIndex, runningSince: null, usedBeforeMs: 0 };
}

export type TickEvent = 'none' | 'time-up';

/**
 * The clock moved. With a hard stop, reaching zero ends the stage with the text as last typed (call
 * `type` first) and starts the next one; soft limits only go into overtime, which `clockOf` reports.
 */
export function tick(state: EngineState, now: number): { state: EngineState; event: TickEvent } {
  const stage = currentStage(state);
  const { settings } = state.session;
  if (!stage || state.runningSince === null || !settings.timer || !settings.hardStop) return { state, event: 'none' };
  if (usedMs(state, now) < stage.secondsAllotted * 1000) return { state, event: 'none' };
  return { state: end(state, stage.text, 'done', now, true), event: 'time-up' };
}

/** Ctrl-C, a signal or a crash: the clock stops, the stage stays active with its draft, ready to resume. */
export function interrupt(state: EngineState, now: number): EngineState {
  const stage = currentStage(state);
  if (!stage || state.runningSince === null) return state;
  const used = usedMs(state, now);
  const paused = withStage(state, { ...stage, secondsUsed: Math.round(used / 1000) }, now);
  return { ...paused, runningSince: null, usedBeforeMs: used };
}

/** Restarts the clock after interrupt() in the same process (a saved record resumes through begin()). */
export function resume(state: EngineState, now: number): EngineState {
  if (isFinished(state) || state.runningSince !== null) return state;
  return { ...state, runningSince: now };
}

/** The session as it should be saved now: the active stage's seconds so far included. */
export function snapshot(state: EngineState, now: number): SessionRecord {
  const stage = currentStage(state);
  if (!stage) return state.session;
  return withStage(state, { ...stage, secondsUsed: Math.round(usedMs(state, now) / 1000) }, now).session;
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
  const stage = currentStage(state);
  if (!stage) return undefined;
  const allottedMs = stage.secondsAllotted * 1000;
  const used = usedMs(state, now);
  const remainingMs = Math.max(0, allottedMs - used);
  const overtimeMs = Math.max(0, used - allottedMs);
  const level: ClockLevel = !state.session.settings.timer ? 'untimed' : used >= allottedMs ? 'over' : remainingMs <= LOW_TIME_MS ? 'low' : 'ok';
  return { allottedMs, usedMs: used, remainingMs, overtimeMs, level };
}

/** Milliseconds until the countdown's whole-second display next changes. */
export function msToNextSecond(state: EngineState, now: number): number {
  const stage = currentStage(state);
  if (!stage || state.runningSince === null) return 1000;
  const used = usedMs(state, now);
  const allottedMs = stage.secondsAllotted * 1000;
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

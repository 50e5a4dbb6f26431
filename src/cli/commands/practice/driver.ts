import type { Timers } from '../../../session/clock.js';
import {
  begin,
  clockOf,
  currentStage,
  dropFollowUp,
  interrupt,
  isFinished,
  msToNextSecond,
  phaseOf,
  recordAsked,
  skip,
  snapshot,
  startFollowUp,
  submit,
  tick,
  type,
  type EngineState,
  type Phase,
} from '../../../session/engine.js';
import type { Exchange, FollowUp, SessionRecord, StageRecord } from '../../../session/types.js';
import { writeRescue } from '../../../session/rescue.js';
import { describeWriteError } from '../../../store/atomic.js';
import { formatCountdown, type ClockReading } from '../../prompts/index.js';

/** Writes a session where it belongs (throws on failure: a full disk, a read-only folder). */
export type SessionWriter = (session: SessionRecord) => string;

/**
 * The one owner of a practice session's state while it runs. Every change goes through a named transition
 * (typed, asked, submitted, skipped, ticked, followUp..., interrupted); the screen, the timers, the signal
 * guard and the interviewer's replies call these instead of assigning state themselves. Saving never throws:
 * a failed write is remembered (shown in the editor's footer, retried on the next save) and the text stays
 * in memory; at the end, a session that could not be saved goes to a rescue file, or to the terminal.
 */
export class PracticeDriver {
  private state: EngineState;
  /** The text in the editor right now; null between stages. */
  private live: (() => string) | null = null;
  /** Replies still on their way (a slow model), with the text so far: kept if the session is interrupted. */
  private readonly inflight = new Map<Promise<unknown>, { q: string; partial: () => string }>();
  /** Why the last save failed ("disk full (ENOSPC)"); undefined once a save works again. */
  private saveFailure: string | undefined;

  constructor(
    session: SessionRecord,
    private readonly timers: Timers,
    /** `write` saves a record; `where` names its folder in messages; `rescueDir` takes the copy when it cannot (tests pass a temp folder). */
    private readonly store: { write: SessionWriter; where: string; rescueDir?: string },
  ) {
    this.state = begin(session, timers.now());
  }

  get session(): SessionRecord {
    return this.state.session;
  }

  get finished(): boolean {
    return isFinished(this.state);
  }

  get phase(): Phase {
    return phaseOf(this.state);
  }

  get stage(): StageRecord | undefined {
    return currentStage(this.state);
  }

  get pendingReplies(): Promise<unknown>[] {
    return [...this.inflight.keys()];
  }

  /** The editor for the current step is on screen; `text` reads what it holds. */
  attach(text: () => string): void {
    this.live = text;
  }

  detach(): void {
    this.live = null;
  }

  /** The record as it stands now, the editor's draft and the clock included. */
  record(): SessionRecord {
    const now = this.timers.now();
    if (this.live && !this.finished) this.state = type(this.state, this.live(), now);
    return snapshot(this.state, now);
  }

  typed(text: string): void {
    this.state = type(this.state, text, this.timers.now());
  }

  submitted(text: string): void {
    this.state = submit(this.state, text, this.timers.now());
  }

  skipped(text: string): void {
    this.state = skip(this.state, text, this.timers.now());
  }

  /** A question put to the interviewer: tracked until its reply comes, then kept in the session. */
  async asked(q: string, reply: Promise<Exchange | undefined>, partial: () => string): Promise<Exchange | undefined> {
    const tracked: Promise<Exchange | undefined> = reply.finally(() => this.inflight.delete(tracked));
    this.inflight.set(tracked, { q, partial });
    const exchange = await tracked;
    if (exchange) this.state = recordAsked(this.state, { ...exchange, at: exchange.at ?? this.iso() }, this.timers.now());
    return exchange;
  }

  /** What the clock says now; with a hard stop at zero, the stage ends here with the text as last typed. */
  ticked(): ClockReading {
    const now = this.timers.now();
    if (this.live && this.session.settings.hardStop) this.state = type(this.state, this.live(), now);
    const t = tick(this.state, now);
    if (t.event === 'time-up') {
      this.state = t.state;
      this.live = null;
      return { countdown: { text: '00:00 left', level: 'low' }, timeUp: true, nextInMs: Infinity };
    }
    const c = clockOf(this.state, now)!;
    return { countdown: formatCountdown(c), timeUp: false, nextInMs: c.level === 'untimed' ? Infinity : msToNextSecond(this.state, now) };
  }

  followUpStarted(q: string, source?: FollowUp['source']): void {
    this.state = startFollowUp(this.state, q, this.timers.now(), source);
  }

  followUpDropped(): void {
    this.state = dropFollowUp(this.state, this.timers.now());
  }

  /** Ctrl-C, a signal or a crash: questions still waiting keep the reply as far as it came, the clock stops. */
  interrupted(): void {
    const now = this.timers.now();
    for (const { q, partial } of this.inflight.values()) this.state = recordAsked(this.state, { q, a: partial(), source: 'llm', at: this.iso() }, now);
    this.inflight.clear();
    this.record();
    this.state = interrupt(this.state, now);
    this.live = null;
  }

  /** Saves the record as it stands; false (and `saveProblem` set) when the write failed. Never throws. */
  save(): boolean {
    const record = this.record();
    try {
      this.store.write(record);
      this.saveFailure = undefined;
      return true;
    } catch (error) {
      this.saveFailure = describeWriteError(error);
      return false;
    }
  }

  /** The footer's warning while saves fail; undefined once a save works again. */
  get saveProblem(): string | undefined {
    return this.saveFailure && `${this.cannotSave()} Your text is kept here; retrying.`;
  }

  private cannotSave(): string {
    return `Can't save to ${this.store.where}: ${this.saveFailure}.`;
  }

  /**
   * The last save before the process ends or the session moves on: the data folder, else a rescue file (its
   * path and how to resume it), else the typed text itself. Returns what to tell the user; empty when saved.
   */
  saveOrRescue(resumeHint: string): { saved: boolean; message: string } {
    if (this.save()) return { saved: true, message: `Saved. ${resumeHint}` };
    const record = this.record();
    try {
      const path = writeRescue(record, this.store.rescueDir);
      return { saved: false, message: `${this.cannotSave()}\nYour session was saved to ${path} instead. Resume it with: pmcoach resume ${path}` };
    } catch (error) {
      const typed = record.stages.filter((s) => s.text.trim() !== '').map((s) => `## ${s.id}\n${s.text}`);
      if (record.followup?.answer.trim()) typed.push(`## follow-up\n${record.followup.answer}`);
      return { saved: false, message: `${this.cannotSave()}\nThe rescue copy failed too (${describeWriteError(error)}). Here is everything you typed:\n\n${typed.join('\n\n')}` };
    }
  }

  private iso(): string {
    return new Date(this.timers.now()).toISOString();
  }
}

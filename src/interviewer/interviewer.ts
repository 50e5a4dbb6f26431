import type { JudgeSettings } from '../config/settings.js';
import { missingKey } from '../llm/key.js';
import type { Question, Rubric } from '../questions/schema.js';
import type { StageId } from '../questions/stages.js';
import type { Exchange, SessionRecord } from '../session/types.js';
import { oneLine, redactSecrets } from '../text/sanitize.js';
import { answerOffline } from './offline.js';
import { DEFAULT_PERSONA, type Persona } from './persona.js';
import { answerMessages, answerSources, pushBackMessages, pushBackSources, ungroundedNumbers } from './prompt.js';
import { offlinePushBack } from './pushback.js';

/**
 * The interviewer: answers clarifying questions and asks one push-back after the recommendation. Offline it
 * matches the question's facts and picks from its follow-ups; with the LLM judge configured it asks the same
 * model (streamed), and whatever goes wrong there (no key, no server, a deadline, a reply with numbers the facts
 * do not hold) the offline reply is given instead, with a one-line note. Nothing here throws for a model failure.
 */

export interface AskOptions {
  /** Earlier exchanges of this session, for a consistent model. */
  history?: readonly Exchange[];
  /** The model's reply so far, cleaned, after every streamed chunk. */
  onText?: (text: string) => void;
  signal?: AbortSignal;
}

export interface PushBack {
  q: string;
  source: 'bank' | 'llm';
  /** Offline: the weakest stage the follow-up was chosen for. */
  stage?: StageId;
}

export interface Interviewer {
  readonly kind: 'offline' | 'llm';
  readonly persona: Persona;
  /** Whether a push-back will come for this question (the model always has one; offline needs follow_ups). */
  willPushBack(question: Question): boolean;
  answer(question: Question, asked: string, opts?: AskOptions): Promise<Exchange>;
  pushBack(session: SessionRecord, rubric: Rubric | undefined, opts?: { signal?: AbortSignal; onText?: (text: string) => void }): Promise<PushBack | undefined>;
}

/** The longest the interviewer model may take for one reply before the offline interviewer answers. */
export const REPLY_DEADLINE_SECONDS = 20;

export type InterviewerSettings = Pick<JudgeSettings, 'judge' | 'model' | 'baseUrl' | 'apiKey' | 'timeoutSeconds' | 'temperature'>;

export interface InterviewerDeps {
  cacheDir?: string;
  /** One-line notes (each said once), e.g. why the model's reply was replaced by the offline one. */
  onNote?: (note: string) => void;
  maxRetries?: number;
}

class OfflineInterviewer implements Interviewer {
  readonly kind: 'offline' | 'llm' = 'offline';
  constructor(readonly persona: Persona) {}

  willPushBack(question: Question): boolean {
    return question.follow_ups.length > 0;
  }

  async answer(question: Question, asked: string): Promise<Exchange> {
    return answerOffline(question, asked, this.persona);
  }

  async pushBack(session: SessionRecord, rubric: Rubric | undefined): Promise<PushBack | undefined> {
    const pick = offlinePushBack(session, rubric);
    return pick ? { q: pick.q, source: 'bank', stage: pick.stage } : undefined;
  }
}

class LlmInterviewer extends OfflineInterviewer {
  override readonly kind = 'llm' as const;
  private readonly said = new Set<string>();

  constructor(
    persona: Persona,
    private readonly settings: InterviewerSettings,
    private readonly deps: InterviewerDeps,
  ) {
    super(persona);
  }

  override willPushBack(): boolean {
    return true;
  }

  private note(what: string, reason: string): void {
    const line = `The interviewer model could not ${what} (${redactSecrets(oneLine(reason), [this.settings.apiKey])}); the offline interviewer ${what === 'answer' ? 'replied' : 'asked'} instead.`;
    if (this.said.has(line)) return;
    this.said.add(line);
    this.deps.onNote?.(line);
  }

  private async chat(messages: Parameters<typeof import('./llm.js').streamChat>[0], onText?: (t: string) => void, signal?: AbortSignal) {
    const s = this.settings;
    const noKey = missingKey(s);
    if (noKey) return { ok: false as const, reason: noKey };
    const { streamChat } = await import('./llm.js');
    // A reply comes while the candidate's clock runs: never wait longer than REPLY_DEADLINE_SECONDS for it.
    const timeoutSeconds = Math.min(s.timeoutSeconds, REPLY_DEADLINE_SECONDS);
    const opts = { model: s.model, baseUrl: s.baseUrl, apiKey: s.apiKey, timeoutSeconds, temperature: s.temperature, cacheDir: this.deps.cacheDir, maxRetries: this.deps.maxRetries };
    return streamChat(messages, opts, onText, signal);
  }

  override async answer(question: Question, asked: string, opts: AskOptions = {}): Promise<Exchange> {
    const { newNonce } = await import('./llm.js');
    const r = await this.chat(answerMessages(question, asked, this.persona, opts.history ?? [], newNonce()), opts.onText, opts.signal);
    if (!r.ok) {
      this.note('answer', r.reason);
      return super.answer(question, asked);
    }
    const bad = ungroundedNumbers(r.text, answerSources(question, asked));
    if (bad.length > 0) {
      this.note('answer', `its reply gave numbers the facts do not hold: ${bad.slice(0, 3).join(', ')}`);
      return super.answer(question, asked);
    }
    return { q: asked, a: r.text, source: 'llm' };
  }

  override async pushBack(session: SessionRecord, rubric: Rubric | undefined, opts: { signal?: AbortSignal; onText?: (text: string) => void } = {}): Promise<PushBack | undefined> {
    const { newNonce } = await import('./llm.js');
    const r = await this.chat(pushBackMessages(session, this.persona, newNonce()), opts.onText, opts.signal);
    if (r.ok) {
      const bad = ungroundedNumbers(r.text, pushBackSources(session));
      if (bad.length === 0) return { q: r.text, source: 'llm' };
      this.note('ask a follow-up', `it gave numbers the facts do not hold: ${bad.slice(0, 3).join(', ')}`);
    } else this.note('ask a follow-up', r.reason);
    return super.pushBack(session, rubric);
  }
}

/** The interviewer for a run: the model when the judge is `llm`, else offline. The openai SDK loads only when asked. */
export function createInterviewer(settings: InterviewerSettings | undefined, persona: Persona = DEFAULT_PERSONA, deps: InterviewerDeps = {}): Interviewer {
  if (!settings || settings.judge !== 'llm') return new OfflineInterviewer(persona);
  return new LlmInterviewer(persona, settings, deps);
}

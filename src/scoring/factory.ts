import type { JudgeSettings } from '../config/settings.js';
import { missingKey } from '../llm/key.js';
import { llmInfo } from './judge-info.js';
import { OfflineJudge } from './offline/judge.js';
import { oneLine, redactSecrets } from '../text/sanitize.js';
import type { Judge, JudgeInfo, ScoreInput, ScoreResult } from './types.js';
import type { JudgeReply } from './llm/schema.js';
import { candidateText } from './input.js';
import { isNearEmpty } from './injection.js';

export interface JudgeDeps {
  /** Capability memory folder (ctx.paths.cache). */
  cacheDir?: string;
  now?: () => Date;
  /** Test knobs: the SDK's retry count and the first max_tokens. */
  maxRetries?: number;
  maxTokens?: number;
  /** Called on every 429 from the server. */
  onRateLimit?: () => void;
}

/**
 * The LLM judge, wrapped: whatever goes wrong (no key, no server, a deadline, replies that never validate, even a
 * bug in the adapter), the offline judge scores instead and the result says so in one line.
 */
class FallbackJudge implements LlmJudge {
  readonly info: JudgeInfo;
  private readonly offline: OfflineJudge;

  constructor(
    private readonly settings: JudgeSettings,
    private readonly deps: JudgeDeps,
  ) {
    this.info = llmInfo(settings.model, settings.baseUrl);
    this.offline = new OfflineJudge(deps.now);
  }

  private async fallback(input: ScoreInput, reason: string): Promise<ScoreResult> {
    const result = await this.offline.score(input);
    const why = redactSecrets(oneLine(reason), [this.settings.apiKey]);
    return { ...result, notes: [`The LLM judge could not score this (${why}); scored offline instead.`, ...result.notes] };
  }

  score(input: ScoreInput, signal?: AbortSignal): Promise<ScoreResult> {
    return this.scoreWith(input, [], signal, false);
  }

  async scoreWith(input: ScoreInput, given: readonly JudgeReply[], signal?: AbortSignal, batch = true): Promise<ScoreResult> {
    let s = this.settings;
    const noKey = missingKey(s);
    // After a batch, a key is needed only to ask for samples still missing (a near-empty answer asks for none).
    const asks = !batch || (!isNearEmpty(candidateText(input)) && given.length < Math.max(1, s.samples));
    if (noKey && (given.length === 0 || !batch) && asks) return this.fallback(input, noKey);
    const short = noKey && asks ? `${given.length} of ${s.samples} samples came from the batch; the others could not be asked (${noKey})` : undefined;
    if (noKey && batch) s = { ...s, samples: Math.max(1, given.length) };
    try {
      const { runLlmJudge } = await import('./llm/judge.js');
      const outcome = await runLlmJudge(
        input,
        {
          model: s.model,
          baseUrl: s.baseUrl,
          apiKey: s.apiKey,
          timeoutSeconds: s.timeoutSeconds,
          samples: s.samples,
          temperature: s.temperature,
          cacheDir: this.deps.cacheDir,
          now: this.deps.now,
          maxRetries: this.deps.maxRetries,
          maxTokens: this.deps.maxTokens,
          onRateLimit: this.deps.onRateLimit,
          ...(given.length > 0 ? { given } : {}),
        },
        signal,
      );
      if (outcome.ok) return short ? { ...outcome.result, notes: [...outcome.result.notes, short] } : outcome.result;
      return this.fallback(input, outcome.reason);
    } catch (error) {
      return this.fallback(input, `unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/**
 * The LLM judge that can also finish from replies obtained elsewhere (a batch): it asks only for the samples
 * missing, and needs an API key only for those.
 */
export interface LlmJudge extends Judge {
  scoreWith(input: ScoreInput, given: readonly JudgeReply[], signal?: AbortSignal): Promise<ScoreResult>;
}

export function createLlmJudge(settings: JudgeSettings, deps: JudgeDeps = {}): LlmJudge {
  return new FallbackJudge(settings, deps);
}

/** The judge the settings ask for. The LLM adapter (and the openai SDK) load only when it first scores. */
export function createJudge(settings: JudgeSettings, deps: JudgeDeps = {}): Judge {
  return atLevel(settings.judge === 'offline' ? new OfflineJudge(deps.now) : new FallbackJudge(settings, deps), settings.level);
}

/** Scores at the level the settings name unless the input names its own (an answer judged for a staff PM, say). */
function atLevel(judge: Judge, level: JudgeSettings['level'] | undefined): Judge {
  if (!level) return judge;
  return { info: judge.info, score: (input, signal) => judge.score({ ...input, level: input.level ?? level }, signal) };
}

import type { Context } from './context.js';
import { readConfig } from '../config/file.js';
import { resolveJudgeSettings, type JudgeFlags, type JudgeSettings } from '../config/settings.js';
import type { Judge } from '../scoring/types.js';

export { addJudgeOptions, judgeFlags, type JudgeFlags } from './judge-flags.js';
import { judgeFlags } from './judge-flags.js';

/** Settings for this run: defaults < config file < environment < flags. */
export function judgeSettingsFrom(ctx: Pick<Context, 'paths' | 'settings'>, opts: JudgeFlags = {}): JudgeSettings {
  return resolveJudgeSettings({ file: readConfig(ctx.paths.config), env: ctx.settings, flags: judgeFlags(opts) });
}

export interface JudgeForRun {
  judge: Judge;
  settings: JudgeSettings;
  /** Called whenever the server answers 429 (e.g. to lower concurrency); the SDK still retries within the deadline. */
  onRateLimit: (listener: () => void) => void;
}

/** The judge for this run, from the settings; the LLM adapter loads only when it first scores. */
export async function createJudgeFor(ctx: Pick<Context, 'paths' | 'settings'>, opts: JudgeFlags = {}, extra: { maxRetries?: number } = {}): Promise<JudgeForRun> {
  const settings = judgeSettingsFrom(ctx, opts);
  const listeners: Array<() => void> = [];
  const { createJudge } = await import('../scoring/factory.js');
  const judge = createJudge(settings, { cacheDir: ctx.paths.cache, onRateLimit: () => listeners.forEach((l) => l()), ...extra });
  return { judge, settings, onRateLimit: (l) => listeners.push(l) };
}

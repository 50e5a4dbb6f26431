import type { EnvSettings } from '../env.js';
import { checkValue, CONFIG_KEYS, type ConfigFile, type ConfigKey, type JudgeKind, type Level } from './file.js';
import { UserError, usageError } from '../errors.js';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** The judge settings when nothing else says otherwise. */
export const DEFAULTS = { judge: 'offline', model: 'gpt-4o-mini', timeout: 120, samples: 1, temperature: 0, level: 'pm' } as const;

/** Command-line flags shared by practice, score, grade, mock and doctor (see src/cli/judge-options.ts). */
export interface JudgeFlags {
  judge?: JudgeKind;
  model?: string;
  baseUrl?: string;
  samples?: number;
  timeout?: number;
  temperature?: number;
  level?: Level;
}

export type Source = 'default' | 'config' | 'env' | 'flag';

export interface JudgeSettings {
  judge: JudgeKind;
  model: string;
  /** Where the server is; the OpenAI API unless set. */
  baseUrl: string;
  /** From the environment only; never from a file. */
  apiKey?: string;
  timeoutSeconds: number;
  samples: number;
  temperature: number;
  /** The level the answers are judged for. */
  level: Level;
  /** Where each value came from, for `pmcoach config get` and `pmcoach doctor`. */
  sources: Record<ConfigKey | 'apiKey', Source>;
}

const ENV_NAMES: Record<ConfigKey, string> = {
  judge: 'PMCOACH_JUDGE',
  model: 'PMCOACH_MODEL',
  baseUrl: 'OPENAI_BASE_URL (or PMCOACH_BASE_URL)',
  timeout: 'PMCOACH_TIMEOUT',
  samples: 'PMCOACH_SAMPLES',
  temperature: 'PMCOACH_TEMPERATURE',
  level: 'PMCOACH_LEVEL',
};

export function envName(key: ConfigKey): string {
  return ENV_NAMES[key];
}

/**
 * The one precedence: defaults < config file < environment < flags. `--model` or `--base-url` on the
 * command line without `--judge` mean the LLM judge (asking for a model is asking for the LLM). Pure.
 */
export function resolveJudgeSettings(layers: { file?: ConfigFile; env?: EnvSettings; flags?: JudgeFlags }): JudgeSettings {
  const file = layers.file ?? {};
  const env = layers.env;
  const flags = layers.flags ?? {};
  const fromEnv: Partial<Record<ConfigKey, unknown>> = {
    judge: env?.judge,
    model: env?.model,
    baseUrl: env?.baseUrl,
    timeout: env?.timeout,
    samples: env?.samples,
    temperature: env?.temperature,
    level: env?.level,
  };
  const values: Record<string, unknown> = { ...DEFAULTS, baseUrl: OPENAI_DEFAULT_BASE_URL };
  const sources = Object.fromEntries([...CONFIG_KEYS, 'apiKey'].map((k) => [k, 'default'])) as JudgeSettings['sources'];
  for (const key of CONFIG_KEYS) {
    if (file[key] !== undefined) {
      values[key] = file[key];
      sources[key] = 'config';
    }
    const e = fromEnv[key];
    if (e !== undefined) {
      const r = checkValue(key, e);
      if (!r.ok) throw new UserError(`${ENV_NAMES[key].split(' ')[0]} ${r.message}`);
      values[key] = r.value;
      sources[key] = 'env';
    }
    const f = flags[key];
    if (f !== undefined) {
      const r = checkValue(key, f);
      if (!r.ok) throw usageError(`--${key === 'baseUrl' ? 'base-url' : key} ${r.message}`);
      values[key] = r.value;
      sources[key] = 'flag';
    }
  }
  if (flags.judge === undefined && (flags.model !== undefined || flags.baseUrl !== undefined)) {
    values.judge = 'llm';
    sources.judge = 'flag';
  }
  if (env?.apiKey) sources.apiKey = 'env';
  return {
    judge: values.judge as JudgeKind,
    model: values.model as string,
    baseUrl: values.baseUrl as string,
    apiKey: env?.apiKey,
    timeoutSeconds: values.timeout as number,
    samples: values.samples as number,
    temperature: values.temperature as number,
    level: values.level as Level,
    sources,
  };
}

/** The OpenAI API needs a key; a local server (any other address) does not. */
export function needsKey(settings: Pick<JudgeSettings, 'baseUrl'>): boolean {
  try {
    return new URL(settings.baseUrl).hostname.endsWith('api.openai.com');
  } catch {
    return false;
  }
}

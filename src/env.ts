import { delimiter } from 'node:path';

/** The one module that reads pmcoach's environment variables. Pass `env` in tests. */
export interface EnvSettings {
  home?: string;
  questions: string[];
  noColor: boolean;
  /** FORCE_COLOR as written (src/cli/paint.ts maps it to a colour level). */
  forceColor?: string;
  /** TERM, for TERM=dumb. */
  term?: string;
  apiKey?: string;
  baseUrl?: string;
  model?: string;
  judge?: string;
  /** PMCOACH_TIMEOUT, PMCOACH_SAMPLES, PMCOACH_TEMPERATURE as written (validated by src/config/settings.ts). */
  timeout?: string;
  samples?: string;
  temperature?: string;
  /** PMCOACH_LEVEL: apm, pm, senior or staff. */
  level?: string;
  editor?: string;
  /** PAGER: shows long text (the score details) a screen at a time; default less. */
  pager?: string;
  /** PMCOACH_NO_CACHE: parse the question files every time (for benchmarks and debugging). */
  noCache: boolean;
  /** PMCOACH_AUTOSAVE_MS: how often a practice draft is saved while typing (tests shorten it). */
  autosaveMs?: string;
  /** PMCOACH_POLL_MS: the first wait between batch status checks (default 5000; tests shorten it). */
  pollMs?: string;
}

const nonEmpty = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== '' ? v : undefined);

export function readEnv(env: NodeJS.ProcessEnv = process.env): EnvSettings {
  return {
    home: nonEmpty(env.PMCOACH_HOME),
    questions: (env.PMCOACH_QUESTIONS ?? '').split(delimiter).filter((p) => p.trim() !== ''),
    noColor: env.NO_COLOR !== undefined && env.NO_COLOR !== '',
    forceColor: env.FORCE_COLOR,
    term: env.TERM,
    apiKey: nonEmpty(env.PMCOACH_API_KEY) ?? nonEmpty(env.OPENAI_API_KEY),
    baseUrl: nonEmpty(env.PMCOACH_BASE_URL) ?? nonEmpty(env.OPENAI_BASE_URL),
    model: nonEmpty(env.PMCOACH_MODEL),
    judge: nonEmpty(env.PMCOACH_JUDGE),
    timeout: nonEmpty(env.PMCOACH_TIMEOUT),
    samples: nonEmpty(env.PMCOACH_SAMPLES),
    temperature: nonEmpty(env.PMCOACH_TEMPERATURE),
    level: nonEmpty(env.PMCOACH_LEVEL),
    editor: nonEmpty(env.VISUAL) ?? nonEmpty(env.EDITOR),
    pager: nonEmpty(env.PAGER),
    noCache: nonEmpty(env.PMCOACH_NO_CACHE) !== undefined,
    autosaveMs: nonEmpty(env.PMCOACH_AUTOSAVE_MS),
    pollMs: nonEmpty(env.PMCOACH_POLL_MS),
  };
}

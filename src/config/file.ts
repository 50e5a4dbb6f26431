import { existsSync, readFileSync } from 'node:fs';
import { writeJsonAtomic } from '../store/atomic.js';
import { UserError } from '../errors.js';

/**
 * The config file (`<home>/config.json`, mode 0600): judge settings only. API keys are refused: a key in a
 * file ends up in backups, dotfile repos and screen shares. Keys come from OPENAI_API_KEY (or PMCOACH_API_KEY).
 */
/** The levels a candidate may interview for (the verdict bands per level live in src/scoring/levels.ts). */
export const LEVELS = ['apm', 'pm', 'senior', 'staff'] as const;
export type Level = (typeof LEVELS)[number];

export const CONFIG_KEYS = ['judge', 'model', 'baseUrl', 'timeout', 'samples', 'temperature', 'level'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

export const JUDGES = ['llm', 'offline'] as const;
export type JudgeKind = (typeof JUDGES)[number];

export interface ConfigFile {
  judge?: JudgeKind;
  model?: string;
  baseUrl?: string;
  /** Seconds the LLM judge may take before the offline judge scores instead. */
  timeout?: number;
  samples?: number;
  temperature?: number;
  /** The level the candidate interviews for: apm, pm, senior or staff. */
  level?: Level;
}

export const CONFIG_HELP: Record<ConfigKey, string> = {
  judge: 'llm or offline (default offline)',
  model: 'model name for the LLM judge (default gpt-4o-mini)',
  baseUrl: 'OpenAI-compatible server, e.g. http://localhost:11434/v1 (default https://api.openai.com/v1)',
  timeout: 'seconds before the offline judge scores instead (default 120)',
  samples: 'times to score, median per criterion (1-9, default 1)',
  temperature: 'sampling temperature 0-2 (default 0)',
  level: 'the level you interview for: apm, pm, senior or staff (default pm); it moves the verdict bands',
};

const SECRET_KEY = /^(?:api[-_]?key|openai[-_]?api[-_]?key|key|token|secret|password)$/i;
export const KEY_REFUSAL = 'pmcoach does not store API keys in files; set OPENAI_API_KEY in your environment (e.g. your shell profile or a secrets manager)';

/** `base-url`, `base_url` and `baseURL` all mean baseUrl. */
export function configKey(name: string): ConfigKey {
  if (SECRET_KEY.test(name)) throw new UserError(KEY_REFUSAL);
  const norm = name.replace(/[-_]/g, '').toLowerCase();
  const key = CONFIG_KEYS.find((k) => k.toLowerCase() === norm);
  if (!key) throw new UserError(`unknown config key "${name}"; keys: ${CONFIG_KEYS.join(', ')}`);
  return key;
}

type Check = { ok: true; value: string | number } | { ok: false; message: string };

/** Checks one value; numbers may come as text (from the command line or the environment). Pure. */
export function checkValue(key: ConfigKey, raw: unknown): Check {
  const num = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  switch (key) {
    case 'judge':
      return typeof raw === 'string' && (JUDGES as readonly string[]).includes(raw) ? { ok: true, value: raw } : { ok: false, message: 'must be llm or offline' };
    case 'model':
      return typeof raw === 'string' && /^[^\s\p{Cc}]{1,200}$/u.test(raw) ? { ok: true, value: raw } : { ok: false, message: 'must be a model name without spaces, e.g. gpt-4o-mini' };
    case 'baseUrl': {
      if (typeof raw !== 'string') return { ok: false, message: 'must be a URL such as http://localhost:11434/v1' };
      let u: URL;
      try {
        u = new URL(raw);
      } catch {
        return { ok: false, message: 'must be a URL such as http://localhost:11434/v1' };
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, message: 'must start with http:// or https://' };
      if (u.username || u.password) return { ok: false, message: 'must not contain a user name or password; put the key in OPENAI_API_KEY' };
      // The API path is appended to the base URL: a query or fragment would end up in the middle of it.
      if (u.search || u.hash || raw.includes('?') || raw.includes('#')) return { ok: false, message: 'must not have a query string or fragment (?... or #...); give the address up to /v1' };
      return { ok: true, value: raw.replace(/\/+$/, '') };
    }
    case 'timeout':
      return Number.isFinite(num) && num > 0 && num <= 3600 ? { ok: true, value: num } : { ok: false, message: 'must be a number of seconds above 0 and at most 3600' };
    case 'samples':
      return Number.isInteger(num) && num >= 1 && num <= 9 ? { ok: true, value: num } : { ok: false, message: 'must be a whole number from 1 to 9' };
    case 'temperature':
      return Number.isFinite(num) && num >= 0 && num <= 2 ? { ok: true, value: num } : { ok: false, message: 'must be a number from 0 to 2' };
    case 'level':
      return typeof raw === 'string' && (LEVELS as readonly string[]).includes(raw) ? { ok: true, value: raw } : { ok: false, message: 'must be apm, pm, senior or staff' };
  }
}

/** Validates a parsed config file: every problem at once, and never the value of a secret. Pure. */
export function validateConfig(value: unknown): { config: ConfigFile; problems: string[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { config: {}, problems: ['must be a JSON object such as {"judge": "llm"}'] };
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, raw] of Object.entries(value)) {
    if (SECRET_KEY.test(name)) {
      problems.push(`${name}: ${KEY_REFUSAL}; delete it from the file`);
      continue;
    }
    const key = CONFIG_KEYS.find((k) => k === name);
    if (!key) {
      problems.push(`${name}: unknown key; keys: ${CONFIG_KEYS.join(', ')}`);
      continue;
    }
    const r = checkValue(key, raw);
    if (r.ok) config[key] = r.value;
    else problems.push(`${name}: ${r.message}`);
  }
  return { config: config as ConfigFile, problems };
}

/** Reads the config file; none means defaults. A broken file is a one-line error that says how to fix it. */
export function readConfig(path: string): ConfigFile {
  if (!existsSync(path)) return {};
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new UserError(`config file ${path} is not valid JSON; fix it or delete it`);
  }
  const { config, problems } = validateConfig(value);
  if (problems.length > 0) {
    throw new UserError(`config file ${path} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; fix them with pmcoach config set/unset or edit the file`, {
      details: problems.map((p) => `${path}: ${p}`),
    });
  }
  return config;
}

/** Writes atomically with mode 0600 (owner only). */
export function writeConfig(path: string, config: ConfigFile): void {
  const ordered: Record<string, unknown> = {};
  for (const k of CONFIG_KEYS) if (config[k] !== undefined) ordered[k] = config[k];
  writeJsonAtomic(path, ordered, { mode: 0o600 });
}

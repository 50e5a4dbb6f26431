import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEnv } from '../../src/env.js';
import { checkValue, configKey, readConfig, validateConfig, writeConfig } from '../../src/config/file.js';
import { DEFAULTS, needsKey, resolveJudgeSettings } from '../../src/config/settings.js';
import { isUserError } from '../../src/errors.js';
import { tempHome } from '../helpers/cli.js';

const homes: Array<() => void> = [];
afterEach(() => homes.splice(0).forEach((c) => c()));
const dir = (): string => {
  const h = tempHome();
  homes.push(h.cleanup);
  return h.home;
};

describe('precedence: defaults < config file < environment < flags', () => {
  it('uses the defaults when nothing is set', () => {
    const s = resolveJudgeSettings({});
    expect(s).toMatchObject({ judge: 'offline', model: DEFAULTS.model, baseUrl: 'https://api.openai.com/v1', timeoutSeconds: 120, samples: 1, temperature: 0 });
    expect(s.sources.model).toBe('default');
  });

  it.each([
    ['file only', { model: 'file-m' }, {}, {}, 'file-m', 'config'],
    ['env beats file', { model: 'file-m' }, { PMCOACH_MODEL: 'env-m' }, {}, 'env-m', 'env'],
    ['flag beats env and file', { model: 'file-m' }, { PMCOACH_MODEL: 'env-m' }, { model: 'flag-m' }, 'flag-m', 'flag'],
  ])('%s', (_name, file, env, flags, model, source) => {
    const s = resolveJudgeSettings({ file, env: readEnv(env), flags });
    expect(s.model).toBe(model);
    expect(s.sources.model).toBe(source);
  });

  it('reads every judge setting from the environment (OPENAI_BASE_URL, OPENAI_API_KEY too)', () => {
    const s = resolveJudgeSettings({
      env: readEnv({ PMCOACH_JUDGE: 'llm', OPENAI_BASE_URL: 'http://localhost:11434/v1/', OPENAI_API_KEY: 'k-123', PMCOACH_TIMEOUT: '30', PMCOACH_SAMPLES: '3', PMCOACH_TEMPERATURE: '0.2' }),
    });
    expect(s).toMatchObject({ judge: 'llm', baseUrl: 'http://localhost:11434/v1', apiKey: 'k-123', timeoutSeconds: 30, samples: 3, temperature: 0.2 });
  });

  it('--model or --base-url without --judge means the LLM judge; --judge offline still wins', () => {
    expect(resolveJudgeSettings({ flags: { model: 'x' } }).judge).toBe('llm');
    expect(resolveJudgeSettings({ flags: { baseUrl: 'http://localhost:1234/v1' } }).judge).toBe('llm');
    expect(resolveJudgeSettings({ flags: { model: 'x', judge: 'offline' } }).judge).toBe('offline');
    expect(resolveJudgeSettings({ env: readEnv({ PMCOACH_MODEL: 'x' }) }).judge).toBe('offline');
  });

  it.each([
    [{ PMCOACH_JUDGE: 'gpt' }, 'PMCOACH_JUDGE must be llm or offline'],
    [{ PMCOACH_SAMPLES: '0' }, 'PMCOACH_SAMPLES must be a whole number from 1 to 9'],
    [{ PMCOACH_TIMEOUT: 'soon' }, 'PMCOACH_TIMEOUT must be a number of seconds above 0 and at most 3600'],
    [{ OPENAI_BASE_URL: 'localhost:1234' }, 'OPENAI_BASE_URL must start with http:// or https://'],
  ])('a bad environment value is a one-line user error: %j', (env, message) => {
    let error: unknown;
    try {
      resolveJudgeSettings({ env: readEnv(env) });
    } catch (e) {
      error = e;
    }
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toBe(message);
  });

  it('a key is needed for the OpenAI API only', () => {
    expect(needsKey({ baseUrl: 'https://api.openai.com/v1' })).toBe(true);
    expect(needsKey({ baseUrl: 'http://localhost:11434/v1' })).toBe(false);
  });
});

describe('config values', () => {
  it.each([
    ['judge', 'llm', 'llm'],
    ['timeout', '2.5', 2.5],
    ['samples', '3', 3],
    ['temperature', '0', 0],
    ['baseUrl', 'http://localhost:8080/v1/', 'http://localhost:8080/v1'],
    ['model', 'qwen2.5:7b-instruct', 'qwen2.5:7b-instruct'],
  ] as const)('%s accepts %s', (key, raw, value) => {
    expect(checkValue(key, raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['judge', 'gpt'],
    ['samples', '1.5'],
    ['samples', '10'],
    ['timeout', '0'],
    ['temperature', '3'],
    ['model', 'two words'],
    ['baseUrl', 'ftp://x'],
    ['baseUrl', 'https://user:sk-secret@host/v1'],
  ] as const)('%s rejects %s', (key, raw) => {
    expect(checkValue(key, raw).ok).toBe(false);
  });

  it('accepts key spellings and refuses API keys with the environment variable to use', () => {
    expect(configKey('base-url')).toBe('baseUrl');
    expect(configKey('BASE_URL')).toBe('baseUrl');
    expect(() => configKey('apiKey')).toThrow(/set OPENAI_API_KEY/);
    expect(() => configKey('colour')).toThrow('unknown config key "colour"; keys: judge, model, baseUrl, timeout, samples, temperature');
  });

  it('reports every problem in a file, never the value of a secret', () => {
    const { config, problems } = validateConfig({ judge: 'llm', samples: 0, apiKey: 'sk-live-1234567890', extra: 1 });
    expect(config).toEqual({ judge: 'llm' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).not.toContain('sk-live');
    expect(problems[1]).toMatch(/^apiKey: pmcoach does not store API keys/);
  });
});

describe('config file', () => {
  it('is written atomically with mode 0600 and read back', () => {
    const path = join(dir(), 'config.json');
    writeConfig(path, { model: 'm', judge: 'llm' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ judge: 'llm', model: 'm' });
    expect(readConfig(path)).toEqual({ judge: 'llm', model: 'm' });
  });

  it('a missing file means defaults; a broken one is a user error that names the file', () => {
    const d = dir();
    expect(readConfig(join(d, 'none.json'))).toEqual({});
    const path = join(d, 'config.json');
    writeFileSync(path, '{ nope');
    expect(() => readConfig(path)).toThrow(`config file ${path} is not valid JSON; fix it or delete it`);
    writeFileSync(path, JSON.stringify({ samples: 99 }));
    expect(() => readConfig(path)).toThrow(/has 1 problem/);
  });
});

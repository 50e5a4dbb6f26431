import type { Context } from '../context.js';
import { note, print, printJson } from '../output.js';
import { UserError } from '../../errors.js';
import { CONFIG_HELP, CONFIG_KEYS, checkValue, configKey, KEY_REFUSAL, readConfig, writeConfig, type ConfigFile, type ConfigKey } from '../../config/file.js';
import { envName, resolveJudgeSettings, type JudgeSettings } from '../../config/settings.js';
import { maskKey } from '../../text/sanitize.js';

const SOURCE_TEXT = { default: 'default', config: 'config file', env: 'environment', flag: 'flag' } as const;

function effective(ctx: Context): JudgeSettings {
  return resolveJudgeSettings({ file: readConfig(ctx.paths.config), env: ctx.settings });
}

function valueOf(s: JudgeSettings, key: ConfigKey): string | number {
  switch (key) {
    case 'timeout':
      return s.timeoutSeconds;
    default:
      return s[key];
  }
}

/** The key as shown: never in full. */
function apiKeyText(s: JudgeSettings): string {
  return s.apiKey ? maskKey(s.apiKey) : 'not set';
}

const isKeyName = (name: string): boolean => /^(?:api[-_]?key|openai[-_]?api[-_]?key)$/i.test(name);

export async function path(ctx: Context): Promise<void> {
  if (ctx.json) return printJson(ctx, { path: ctx.paths.config });
  print(ctx, ctx.paths.config);
}

export async function get(ctx: Context, name?: string): Promise<void> {
  const s = effective(ctx);
  if (name !== undefined && isKeyName(name)) {
    if (ctx.json) return printJson(ctx, { key: 'apiKey', value: s.apiKey ? maskKey(s.apiKey) : null, source: s.sources.apiKey });
    return print(ctx, apiKeyText(s));
  }
  if (name !== undefined) {
    const key = configKey(name);
    if (ctx.json) return printJson(ctx, { key, value: valueOf(s, key), source: s.sources[key] });
    return print(ctx, String(valueOf(s, key)));
  }
  if (ctx.json) {
    const values = Object.fromEntries(CONFIG_KEYS.map((k) => [k, { value: valueOf(s, k), source: s.sources[k] }]));
    return printJson(ctx, { path: ctx.paths.config, values: { ...values, apiKey: { value: s.apiKey ? maskKey(s.apiKey) : null, source: s.sources.apiKey } } });
  }
  const rows = CONFIG_KEYS.map((k) => [k, String(valueOf(s, k)), SOURCE_TEXT[s.sources[k]]]);
  rows.push(['apiKey', apiKeyText(s), s.apiKey ? 'environment' : 'set OPENAI_API_KEY']);
  const w0 = Math.max(...rows.map((r) => r[0]!.length));
  const w1 = Math.max(...rows.map((r) => r[1]!.length));
  print(ctx, rows.map(([k, v, src]) => `${k!.padEnd(w0)}  ${v!.padEnd(w1)}  (${src})`).join('\n'));
  note(ctx, `config file: ${ctx.paths.config}`);
}

export async function set(ctx: Context, name: string, value: string): Promise<void> {
  if (isKeyName(name)) throw new UserError(KEY_REFUSAL);
  const key = configKey(name);
  const r = checkValue(key, value);
  if (!r.ok) throw new UserError(`${key} ${r.message} (${CONFIG_HELP[key]})`);
  const config: ConfigFile = { ...readConfig(ctx.paths.config), [key]: r.value };
  writeConfig(ctx.paths.config, config);
  const s = effective(ctx);
  if (ctx.json) printJson(ctx, { key, value: r.value, path: ctx.paths.config });
  else print(ctx, `${key} = ${r.value}  (saved to ${ctx.paths.config})`);
  if (s.sources[key] === 'env') note(ctx, `note: ${envName(key)} is set in the environment and wins over the config file`);
}

export async function unset(ctx: Context, name: string): Promise<void> {
  const key = configKey(name);
  const config: ConfigFile = { ...readConfig(ctx.paths.config) };
  delete config[key];
  writeConfig(ctx.paths.config, config);
  if (ctx.json) printJson(ctx, { key, path: ctx.paths.config });
  else print(ctx, `${key} removed (default: ${String(valueOf(effective(ctx), key))})`);
}

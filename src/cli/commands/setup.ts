import type { Context } from '../context.js';
import { colors, note, print, printJson } from '../output.js';
import { UserError, usageError } from '../../errors.js';
import { checkValue, readConfig, writeConfig, type ConfigFile } from '../../config/file.js';
import { resolveJudgeSettings, needsKey } from '../../config/settings.js';
import { displayUrl } from '../../text/sanitize.js';
import type { Check } from '../../scoring/llm/probe.js';

/** The servers `pmcoach setup` knows, with the address each listens on by default. */
export const PROVIDERS = {
  openai: { name: 'OpenAI', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini' },
  azure: { name: 'Azure OpenAI', baseUrl: 'https://YOUR-RESOURCE.openai.azure.com/openai/v1', model: '' },
  ollama: { name: 'Ollama', baseUrl: 'http://localhost:11434/v1', model: 'llama3.1' },
  lmstudio: { name: 'LM Studio', baseUrl: 'http://localhost:1234/v1', model: '' },
  vllm: { name: 'vLLM', baseUrl: 'http://localhost:8000/v1', model: '' },
  llamacpp: { name: 'llama.cpp server', baseUrl: 'http://localhost:8080/v1', model: 'default' },
  other: { name: 'Other OpenAI-compatible server', baseUrl: '', model: '' },
} as const;
export type Provider = keyof typeof PROVIDERS;
export const PROVIDER_IDS = Object.keys(PROVIDERS) as Provider[];

export interface SetupOptions {
  provider?: Provider;
  model?: string;
  baseUrl?: string;
  /** Save without asking. */
  yes?: boolean;
  /** false with --no-check: save without the live check. */
  check?: boolean;
}

/** What the wizard settled on. */
interface Choice {
  provider: Provider;
  baseUrl: string;
  model: string;
}

/** The `config set` commands that do the same as the wizard. Pure. */
export function equivalentCommands(c: Pick<Choice, 'baseUrl' | 'model'>): string[] {
  return ['pmcoach config set judge llm', `pmcoach config set baseUrl ${c.baseUrl}`, `pmcoach config set model ${c.model}`];
}

/** Whether the key the server needs is in the environment, in one line that says what to set. Pure. */
export function keyLine(baseUrl: string, apiKey: string | undefined, provider: Provider): { ok: boolean; text: string } {
  const needed = needsKey({ baseUrl }) || provider === 'azure' || provider === 'openai';
  if (apiKey) return { ok: true, text: 'API key: found in the environment (OPENAI_API_KEY or PMCOACH_API_KEY); pmcoach never stores it' };
  if (!needed) return { ok: true, text: 'API key: none set, and a local server needs none' };
  return { ok: false, text: `API key: not set. Set it in your shell, never in a file: export OPENAI_API_KEY=...${provider === 'azure' ? ' (your Azure key)' : ''}` };
}

function checkUrl(url: string): string {
  const r = checkValue('baseUrl', url.trim());
  if (!r.ok) throw usageError(`--base-url ${r.message}`);
  return String(r.value);
}

function checkModel(model: string): string {
  const r = checkValue('model', model.trim());
  if (!r.ok) throw usageError(`--model ${r.message}`);
  return String(r.value);
}

export async function run(ctx: Context, opts: SetupOptions): Promise<void> {
  const { canPrompt } = await import('../prompts/ask.js');
  const interactive = canPrompt(ctx) && !ctx.json;
  const headless = opts.provider !== undefined && opts.model !== undefined;
  if (opts.provider !== undefined && !PROVIDER_IDS.includes(opts.provider)) throw usageError(`--provider must be one of ${PROVIDER_IDS.join(', ')}`);
  if (!headless && !interactive) {
    throw usageError(`pmcoach setup needs a terminal to ask; without one give the answers: pmcoach setup --provider ${PROVIDER_IDS.join('|')} --model NAME [--base-url URL] --yes`);
  }
  const choice = headless ? fromFlags(opts) : await wizard(ctx, opts);
  const c = colors(ctx);
  const key = keyLine(choice.baseUrl, ctx.settings.apiKey, choice.provider);
  let checks: Check[] = [];
  if (opts.check !== false) {
    const settings = resolveJudgeSettings({ env: ctx.settings, flags: { judge: 'llm', baseUrl: choice.baseUrl, model: choice.model, timeout: 30 } });
    if (!ctx.json) note(ctx, c.dim(`Checking ${choice.model} at ${displayUrl(choice.baseUrl)}…`));
    const [{ probeLlm }, { bankFor }, { DEFAULT_RUBRIC_ID }] = await Promise.all([import('../../scoring/llm/probe.js'), import('../bank.js'), import('../../scoring/rubric.js')]);
    const rubrics = (await bankFor(ctx)).rubrics;
    checks = await probeLlm(settings, { cacheDir: ctx.paths.cache, rubric: rubrics.find((r) => r.id === DEFAULT_RUBRIC_ID) ?? rubrics[0] });
  }
  const failed = checks.filter((x) => x.status === 'fail');
  if (!ctx.json) {
    const mark = { ok: c.green('ok  '), warn: c.yellow('warn'), fail: c.red('FAIL') };
    for (const x of checks) print(ctx, `${mark[x.status]}  ${x.name}: ${x.detail}${x.fix && x.status !== 'ok' ? c.cyan(`  (fix: ${x.fix})`) : ''}`);
  }
  let save = failed.length === 0 || opts.yes === true;
  if (failed.length > 0 && interactive && !opts.yes) {
    const { confirm } = await import('../prompts/ask.js');
    save = await confirm(ctx, 'The check failed. Save these settings anyway?', { default: false });
  } else if (failed.length === 0 && interactive && !opts.yes && headless) {
    const { confirm } = await import('../prompts/ask.js');
    save = await confirm(ctx, `Save ${choice.model} at ${displayUrl(choice.baseUrl)} as the judge?`, { default: true });
  }
  const result = { provider: choice.provider, baseUrl: choice.baseUrl, model: choice.model, key: key.ok, checks, saved: save, path: ctx.paths.config, commands: equivalentCommands(choice) };
  if (save) {
    const config: ConfigFile = { ...readConfig(ctx.paths.config), judge: 'llm', baseUrl: choice.baseUrl, model: choice.model };
    writeConfig(ctx.paths.config, config);
  }
  if (ctx.json) printJson(ctx, result);
  else {
    // The wizard said it already, before asking for the model.
    if (headless) print(ctx, key.ok ? c.dim(key.text) : c.yellow(key.text));
    if (save) {
      print(ctx, `${c.green('Saved')} to ${ctx.paths.config}: judge llm, ${choice.model} at ${displayUrl(choice.baseUrl)}`);
      print(ctx, c.dim('The same with config set:'));
      for (const line of equivalentCommands(choice)) print(ctx, `  ${line}`);
    }
  }
  if (!save) throw new UserError(`not saved: the live check failed; fix the problem above and run pmcoach setup again (or add --yes to save anyway)`);
}

function fromFlags(opts: SetupOptions): Choice {
  const provider = opts.provider!;
  const baseUrl = checkUrl(opts.baseUrl ?? PROVIDERS[provider].baseUrl);
  if (baseUrl.includes('YOUR-RESOURCE') || baseUrl === '') throw usageError(`--base-url is needed for ${PROVIDERS[provider].name}, e.g. ${PROVIDERS[provider].baseUrl || 'http://localhost:8000/v1'}`);
  return { provider, baseUrl, model: checkModel(opts.model!) };
}

/** The questions, in the order `gh auth login` asks them: where, how to authenticate, then what to use. */
async function wizard(ctx: Context, opts: SetupOptions): Promise<Choice> {
  const { choose, ask, pick } = await import('../prompts/ask.js');
  const c = colors(ctx);
  const provider =
    opts.provider ??
    ((await choose(
      ctx,
      'Which server should judge your answers?',
      PROVIDER_IDS.map((id) => ({ value: id, name: PROVIDERS[id].name, description: PROVIDERS[id].baseUrl || 'any server that speaks the OpenAI Chat Completions API' })),
    )) as Provider);
  const validUrl = (v: string): true | string => {
    const r = checkValue('baseUrl', v.trim());
    if (!r.ok) return `the address ${r.message}`;
    return v.includes('YOUR-RESOURCE') ? 'put your Azure resource name in place of YOUR-RESOURCE' : true;
  };
  const typedUrl = opts.baseUrl ?? ((await ask(ctx, 'Base URL:', { default: PROVIDERS[provider].baseUrl || undefined, validate: validUrl })) as string);
  const baseUrl = checkUrl(typedUrl);
  const key = keyLine(baseUrl, ctx.settings.apiKey, provider);
  note(ctx, key.ok ? c.dim(key.text) : c.yellow(key.text));

  let model = opts.model;
  if (model === undefined) {
    const { listModels } = await import('../../llm/models.js');
    note(ctx, c.dim(`Asking ${displayUrl(baseUrl)} for its models…`));
    const listed = await listModels({ baseUrl, apiKey: ctx.settings.apiKey }, 10);
    const ids = 'ids' in listed ? listed.ids : [];
    if ('error' in listed) note(ctx, c.yellow(`Could not list the models (${listed.error}); type the name instead.`));
    else if (ids.length === 0) note(ctx, c.yellow('The server lists no models; type the name instead.'));
    const validModel = (v: string): true | string => {
      const r = checkValue('model', v.trim());
      return r.ok ? true : `the model ${r.message}`;
    };
    if (ids.length > 0) {
      const OTHER = '\u0000other';
      const picked = (await pick(ctx, `Model (${ids.length} listed; type to filter):`, (term) => [
        ...ids.filter((id) => id.toLowerCase().includes(term.toLowerCase())).map((id) => ({ value: id, name: id })),
        { value: OTHER, name: 'Another name…' },
      ])) as string;
      model = picked === OTHER ? ((await ask(ctx, 'Model name:', { validate: validModel })) as string) : picked;
    } else model = (await ask(ctx, 'Model name:', { default: PROVIDERS[provider].model || undefined, validate: validModel })) as string;
  }
  return { provider, baseUrl, model: checkModel(model) };
}

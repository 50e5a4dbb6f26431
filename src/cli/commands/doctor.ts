import type { Context } from '../context.js';
import { colors, print, printJson } from '../output.js';
import { UserError } from '../../errors.js';
import { judgeSettingsFrom, type JudgeFlags } from '../judge-options.js';
import { displayUrl } from '../../text/sanitize.js';
import type { Check } from '../../scoring/llm/probe.js';
import { bankFor } from '../bank.js';
import { DEFAULT_RUBRIC_ID } from '../../scoring/rubric.js';

/** Checks the judge this configuration would use; exit 1 when it cannot work. */
export async function run(ctx: Context, opts: JudgeFlags): Promise<void> {
  const checks: Check[] = [];
  let settings;
  try {
    settings = judgeSettingsFrom(ctx, opts);
    checks.push({ name: 'settings', status: 'ok', detail: `config file ${ctx.paths.config}` });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const detail = error.details[0] ?? error.message;
    const fix = detail.startsWith('--')
      ? 'correct the flag (pmcoach doctor --help lists them)'
      : /^(OPENAI|PMCOACH)_[A-Z_]+/.test(detail)
        ? `correct or unset ${/^[A-Z_]+/.exec(detail)![0]} in your environment`
        : `pmcoach config set/unset, or edit or delete ${ctx.paths.config}`;
    checks.push({ name: 'settings', status: 'fail', detail, fix });
  }
  if (settings) {
    if (settings.judge === 'offline') {
      checks.push({ name: 'judge', status: 'ok', detail: 'offline estimate (built in, no server needed)', fix: 'for an LLM judge: pmcoach config set judge llm (then run pmcoach doctor again)' });
    } else {
      checks.push({ name: 'judge', status: 'ok', detail: `llm: ${settings.model} at ${displayUrl(settings.baseUrl)}, deadline ${settings.timeoutSeconds} s, temperature ${settings.temperature}` });
      const [{ probeLlm }, bank] = await Promise.all([import('../../scoring/llm/probe.js'), bankFor(ctx)]);
      const rubric = bank.rubrics.find((r) => r.id === DEFAULT_RUBRIC_ID) ?? bank.rubrics[0];
      checks.push(...(await probeLlm(settings, { cacheDir: ctx.paths.cache, rubric })));
    }
  }
  const failed = checks.filter((c) => c.status === 'fail').length;
  if (ctx.json) {
    printJson(ctx, { ok: failed === 0, judge: settings?.judge ?? null, checks });
    if (failed > 0) process.exitCode = 1;
    return;
  }
  const c = colors(ctx);
  const mark = { ok: c.green('ok  '), warn: c.yellow('warn'), fail: c.red('FAIL') };
  const width = Math.max(...checks.map((x) => x.name.length));
  for (const x of checks) {
    print(ctx, `${mark[x.status]}  ${x.name.padEnd(width)}  ${x.detail}`);
    if (x.fix && x.status !== 'ok') print(ctx, `      ${' '.repeat(width)}  ${c.cyan(`fix: ${x.fix}`)}`);
    else if (x.fix) print(ctx, `      ${' '.repeat(width)}  ${c.dim(x.fix)}`);
  }
  if (failed > 0) throw new UserError(`the ${settings?.judge === 'llm' ? 'LLM ' : ''}judge cannot work: fix the ${failed === 1 ? 'problem' : 'problems'} above`);
}

import { APIError } from 'openai';
import type { JudgeSettings } from '../../config/settings.js';
import type { Rubric } from '../../questions/schema.js';
import { questionSchema } from '../../questions/schema.js';
import { displayUrl, maskKey, oneLine } from '../../text/sanitize.js';
import { describeError, makeClient } from '../../llm/client.js';
import { withDeadline } from '../../llm/deadline.js';
import { missingKey } from '../../llm/key.js';
import { chatCompletion, type Completion } from '../../llm/request.js';
import { extractReply } from './extract.js';
import { renderMessages } from './prompt.js';
import { jsonSchemaFor, replySchema } from './schema.js';
import type { ScoreInput } from '../types.js';

export interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  /** What to do about a warning or failure. */
  fix?: string;
}

/** A tiny answer the judge's real prompt is sent with, so the reply is checked against the rubric's schema. */
function probeInput(rubric: Rubric): ScoreInput {
  const question = questionSchema.parse({ id: 'doctor-probe', title: 'Doctor probe', prompt: 'Should a team ship a small feature now or wait a month?' });
  const answers = (['clarifying', 'stakeholders', 'metrics', 'experiments', 'recommendation'] as const).map((id) => ({ id, text: id === 'recommendation' ? 'Ship it now behind a flag; revisit in a month.' : 'A short answer.' }));
  return { question, rubric, answers, asked: [] };
}

type Timed<T> = { ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number; late: boolean };

/** One check under one deadline: a server that trickles its reply is cut off and reported with the time it took. */
async function timed<T>(seconds: number, work: (signal: AbortSignal, deadlineAt: number) => Promise<T>): Promise<Timed<T>> {
  const start = Date.now();
  return withDeadline<Timed<T>>(
    seconds,
    undefined,
    (signal, deadlineAt) =>
      work(signal, deadlineAt).then(
        (value) => ({ ok: true, value, ms: Date.now() - start }),
        (error: unknown) => ({ ok: false, error, ms: Date.now() - start, late: signal.aborted }),
      ),
    () => ({ ok: false, error: undefined, ms: Date.now() - start, late: true }),
  );
}

const secondsText = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Checks that the LLM judge can work: a key where one is needed, the server, the model, structured output, and
 * a real scoring reply that validates against the rubric. Each check runs under the `--timeout` deadline; it
 * stops at the first check that makes the rest meaningless. Never throws for a server problem.
 */
export async function probeLlm(settings: JudgeSettings, options: { cacheDir?: string; rubric?: Rubric } = {}): Promise<Check[]> {
  const checks: Check[] = [];
  const where = displayUrl(settings.baseUrl);
  const seconds = settings.timeoutSeconds;
  const ctx = { baseUrl: settings.baseUrl, model: settings.model, apiKey: settings.apiKey, timeoutSeconds: seconds };
  const slow = (name: string, ms: number, fix: string): Check => ({ name, status: 'fail', detail: `${where} did not finish replying within ${seconds} s (gave up after ${secondsText(ms)})`, fix });

  const noKey = missingKey(settings);
  if (noKey) {
    const [detail, fix] = noKey.split(': ');
    checks.push({ name: 'api key', status: 'fail', detail: detail!, fix });
    return checks;
  }
  checks.push({ name: 'api key', status: 'ok', detail: settings.apiKey ? `set (${maskKey(settings.apiKey)}, from the environment)` : 'none (not needed for a local server)' });

  const client = (deadlineAt: number) => makeClient({ baseUrl: settings.baseUrl, apiKey: settings.apiKey, deadlineAt, maxRetries: 1 });
  const listed = await timed(seconds, async (signal, deadlineAt) => (await client(deadlineAt).models.list({ signal })).data.map((m) => oneLine(String(m.id))));
  let ids: string[] | undefined;
  if (listed.ok) {
    ids = listed.value;
    checks.push({ name: 'server', status: 'ok', detail: `${where} answers (${ids.length} model${ids.length === 1 ? '' : 's'} listed, ${secondsText(listed.ms)})` });
  } else if (listed.late) {
    checks.push(slow('server', listed.ms, `a server this slow would time out every score; check it, or raise --timeout (now ${seconds} s)`));
    return checks;
  } else {
    const e = listed.error;
    const listUnsupported = e instanceof APIError && e.status !== undefined && [404, 405, 501].includes(e.status);
    if (!listUnsupported) {
      const key = e instanceof APIError && e.status === 401;
      checks.push({ name: 'server', status: 'fail', detail: describeError(e, ctx), fix: key ? 'check OPENAI_API_KEY' : `start the server, or fix the address: pmcoach config set baseUrl <url> (now ${where})` });
      return checks;
    }
    checks.push({ name: 'server', status: 'ok', detail: `${where} answers (it does not list models)` });
  }

  if (ids && !ids.includes(settings.model)) {
    const shown = ids.slice(0, 8).join(', ') + (ids.length > 8 ? ', ...' : '');
    checks.push({ name: 'model', status: 'fail', detail: `${settings.model} is not offered by ${where}${ids.length ? ` (it offers ${shown})` : ''}`, fix: `pmcoach config set model <name>${ids[0] ? `, e.g. ${ids[0]}` : ''}` });
    return checks;
  }
  if (ids) checks.push({ name: 'model', status: 'ok', detail: `${settings.model} is available` });
  if (options.rubric) checks.push(...(await probeReply(settings, options, client, ids === undefined, slow)));
  return checks;
}

/** Sends the judge's real prompt for a tiny answer and checks structured output and the reply against the rubric. */
async function probeReply(
  settings: JudgeSettings,
  options: { cacheDir?: string; rubric?: Rubric },
  client: (deadlineAt: number) => ReturnType<typeof makeClient>,
  modelUnchecked: boolean,
  slow: (name: string, ms: number, fix: string) => Check,
): Promise<Check[]> {
  const out: Check[] = [];
  const rubric = options.rubric!;
  const input = probeInput(rubric);
  const target = { model: settings.model, baseUrl: settings.baseUrl, apiKey: settings.apiKey, cacheDir: options.cacheDir, maxRetries: 1 };
  const build = (structured: boolean) => ({ messages: renderMessages(input, { nonce: 'doctor', structured }), temperature: settings.temperature });
  const ctx = { baseUrl: settings.baseUrl, model: settings.model, apiKey: settings.apiKey, timeoutSeconds: settings.timeoutSeconds };
  const sent = await timed(settings.timeoutSeconds, (signal, deadlineAt) =>
    chatCompletion(client(deadlineAt), target, build, { maxTokens: 1500, jsonSchema: { name: 'rubric_scores', schema: jsonSchemaFor(rubric) } }, signal),
  );
  if (!sent.ok) {
    if (sent.late) return [slow('model', sent.ms, `scoring would time out; raise --timeout (now ${settings.timeoutSeconds} s) or use a faster model`)];
    return [{ name: 'model', status: 'fail', detail: describeError(sent.error, ctx), fix: 'check the model name (pmcoach config set model <name>) and --temperature' }];
  }
  if (modelUnchecked) out.push({ name: 'model', status: 'ok', detail: `${settings.model} answers` });
  out.push(
    sent.value.structured
      ? { name: 'structured output', status: 'ok', detail: 'json_schema supported' }
      : {
          name: 'structured output',
          status: 'warn',
          detail: 'json_schema not supported; pmcoach asks for JSON in the prompt and validates it (replies may need repairs)',
          fix: 'a server with structured output (OpenAI, vLLM, llama.cpp, recent Ollama) is more reliable',
        },
  );
  const completion = sent.value.response as Completion;
  const content = completion.choices?.[0]?.message?.content ?? '';
  const parsed = extractReply(typeof content === 'string' ? content : '', replySchema(rubric));
  out.push(
    parsed.ok
      ? { name: 'rubric reply', status: 'ok', detail: `a scoring reply validates against the "${rubric.id}" rubric (${secondsText(sent.ms)})` }
      : { name: 'rubric reply', status: 'fail', detail: `the model's scoring reply does not match the rubric's schema (${oneLine(parsed.errors[0] ?? 'no JSON object')})`, fix: 'use a model that follows JSON schemas, or a server with structured output (vLLM, llama.cpp, recent Ollama, OpenAI)' },
  );
  return out;
}

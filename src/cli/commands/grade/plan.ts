import type { Context } from '../../context.js';
import type { Bank } from '../../../questions/load.js';
import type { AnswerItem } from '../../../grade/collect.js';
import { AdaptivePool } from '../../../grade/pool.js';
import type { JudgeSettings } from '../../../config/settings.js';
import { loadCapability } from '../../../llm/capabilities.js';
import { customId, fileKey, needsModel, requestLine, type BatchLine, type RequestSettings } from '../../../batch/requests.js';
import { preparer, type Prepared } from './prepare.js';

/** The answer files of a batch run, prepared, and the requests they need, by file key. */
export interface Plan {
  prepared: Map<number, Prepared>;
  keyOf: Map<number, string>;
  /** Items by file key (identical files share one set of requests). */
  byKey: Map<string, number[]>;
  /** The keys whose answers go to the model (near-empty ones get the minimum without a request). */
  asking: string[];
  asks: Set<string>;
  samples: number;
  settings: JudgeSettings;
  request: RequestSettings;
}

/** The judge's first max_tokens. */
const MAX_TOKENS = 1500;

export async function makePlan(ctx: Context, bank: Bank, items: readonly AnswerItem[], indices: readonly number[], settings: JudgeSettings, concurrency: number, offlineRunner = false): Promise<Plan> {
  const prepare = preparer(ctx, bank.rubrics, settings, new Date(), { offlineInterviewer: offlineRunner });
  const prepared = new Map<number, Prepared>();
  await new AdaptivePool(concurrency).map(indices, async (i) => void prepared.set(i, await prepare(items[i]!)));
  const keyOf = new Map<number, string>();
  const byKey = new Map<string, number[]>();
  for (const i of indices) {
    const key = fileKey(items[i]!.file, items[i]!.answer);
    keyOf.set(i, key);
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key)!.push(i);
  }
  const asking = [...byKey].filter(([, is]) => needsModel(prepared.get(is[0]!)!.input)).map(([k]) => k);
  const cap = loadCapability(ctx.paths.cache, settings.baseUrl, settings.model);
  const request: RequestSettings = { temperature: settings.temperature, maxTokens: MAX_TOKENS, structured: cap.jsonSchema !== false, tokenParam: cap.tokenParam ?? 'max_tokens' };
  return { prepared, keyOf, byKey, asking, asks: new Set(asking), samples: Math.max(1, settings.samples), settings, request };
}

/** The custom_ids of every request, in order. */
export function* planIds(plan: Plan, items: readonly AnswerItem[]): Generator<string> {
  for (const key of plan.asking) {
    const file = items[plan.byKey.get(key)![0]!]!.file;
    for (let s = 1; s <= plan.samples; s++) yield customId(key, s, file);
  }
}

/** The request lines, built one at a time (written as they come, never all held). */
export function* planLines(plan: Plan, items: readonly AnswerItem[], only?: (key: string, sample: number) => boolean): Generator<BatchLine> {
  for (const key of plan.asking) {
    const first = plan.byKey.get(key)![0]!;
    const input = plan.prepared.get(first)!.input;
    for (let s = 1; s <= plan.samples; s++) {
      if (only && !only(key, s)) continue;
      yield requestLine(input, plan.settings, plan.request, customId(key, s, items[first]!.file));
    }
  }
}

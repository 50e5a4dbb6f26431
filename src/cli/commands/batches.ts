import type { Context } from '../context.js';
import { colors, note, print, printJson, table } from '../output.js';
import { UserError } from '../../errors.js';
import { judgeSettingsFrom } from '../judge-options.js';
import { FINISHED, findBatch, listJournals, writeJournal, type Journal, type JournalBatch } from '../../batch/journal.js';
import { openAiBatchApi, type BatchState } from '../../batch/api.js';
import { describeError } from '../../llm/client.js';

const age = (iso: string, now = Date.now()): string => {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return s < 90 ? `${s} s` : s < 5400 ? `${Math.round(s / 60)} min` : s < 172_800 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86_400)} d`;
};

function apiFor(ctx: Context, journal: Journal) {
  const s = judgeSettingsFrom(ctx);
  return { api: openAiBatchApi({ baseUrl: journal.baseUrl, apiKey: s.apiKey, timeoutSeconds: Math.min(s.timeoutSeconds, 30), maxRetries: 1 }), s };
}

const apply = (b: JournalBatch, st: BatchState): void => {
  b.status = st.status;
  b.counts = st.counts;
  b.outputFileId = st.outputFileId;
  b.errorFileId = st.errorFileId;
};

/** `pmcoach batches`: every journaled batch, its status checked with the server where it is unfinished. */
export async function list(ctx: Context): Promise<void> {
  const journals = listJournals(ctx.paths.home);
  let unreachable: string | undefined;
  for (const j of journals) {
    if (j.batches.every((b) => FINISHED.has(b.status))) continue;
    const { api, s } = apiFor(ctx, j);
    try {
      for (const b of j.batches) if (!FINISHED.has(b.status)) apply(b, await api.retrieve(b.id));
      writeJournal(ctx.paths.home, j);
    } catch (error) {
      unreachable ??= describeError(error, { baseUrl: j.baseUrl, model: j.model, apiKey: s.apiKey, timeoutSeconds: Math.min(s.timeoutSeconds, 30) });
    }
  }
  if (unreachable) note(ctx, `warning: could not check with the server (${unreachable}); showing the last status seen`);
  const rows = journals.flatMap((j) => j.batches.map((b) => ({ j, b })));
  if (ctx.json) {
    printJson(
      ctx,
      rows.map(({ j, b }) => ({ id: b.id, status: b.status, counts: b.counts ?? { total: b.requests, completed: 0, failed: 0 }, createdAt: j.createdAt, model: j.model, baseUrl: j.baseUrl, files: j.files, graded: j.gradedAt !== undefined })),
    );
    return;
  }
  if (rows.length === 0) {
    print(ctx, 'No batches yet. pmcoach grade <files> --batch submits one.');
    return;
  }
  const c = colors(ctx);
  const cells = rows.map(({ j, b }) => [b.id, b.status, String(b.counts?.total || b.requests), String(b.counts?.completed ?? 0), String(b.counts?.failed ?? 0), age(j.createdAt), j.gradedAt ? 'yes' : 'no', `${j.files} files, ${j.model}`]);
  print(ctx, table(['BATCH', 'STATUS', 'REQUESTS', 'DONE', 'FAILED', 'AGE', 'GRADED', 'WHAT'], cells, { header: (s) => c.bold(s) }));
}

/** `pmcoach batches cancel <id>`. */
export async function cancel(ctx: Context, id: string): Promise<void> {
  const found = findBatch(ctx.paths.home, id);
  if (!found) throw new UserError(`no batch "${id}" in ${ctx.paths.home}; run pmcoach batches to see them`);
  const { journal, batch } = found;
  if (FINISHED.has(batch.status)) throw new UserError(`batch ${batch.id} has already ended (${batch.status})`);
  const { api, s } = apiFor(ctx, journal);
  try {
    apply(batch, await api.cancel(batch.id));
  } catch (error) {
    throw new UserError(`could not cancel ${batch.id}: ${describeError(error, { baseUrl: journal.baseUrl, model: journal.model, apiKey: s.apiKey, timeoutSeconds: 30 })}`);
  }
  writeJournal(ctx.paths.home, journal);
  if (ctx.json) return printJson(ctx, { id: batch.id, status: batch.status });
  print(ctx, `Batch ${batch.id}: ${batch.status}. Running the grade command again grades what it finished and retries the rest.`);
}

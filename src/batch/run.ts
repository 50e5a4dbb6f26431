import { join } from 'node:path';
import type { BatchApi, BatchState } from './api.js';
import { FINISHED, writeJournal, type Journal } from './journal.js';
import type { Part } from './jsonl.js';

export interface RunDeps {
  api: BatchApi;
  home: string;
  now?: () => Date;
}

/**
 * Uploads each part and creates its batch, journaling each batch id as soon as the server gives it (before any
 * poll), so a stopped run never submits the same requests twice. Parts already journaled are skipped.
 */
export async function submitParts(parts: readonly Part[], journal: Journal, deps: RunDeps): Promise<void> {
  for (let i = journal.batches.length; i < parts.length; i++) {
    const part = parts[i]!;
    const fileId = await deps.api.upload(part.path);
    const b = await deps.api.create(fileId);
    journal.batches.push({ id: b.id, inputFileId: fileId, requests: part.requests, status: b.status, counts: b.counts });
    writeJournal(deps.home, journal, deps.now?.());
  }
}

export interface PollOptions {
  /** Wait before the second check; it grows by half each time, up to `maxDelayMs` (a minute). */
  firstDelayMs: number;
  maxDelayMs?: number;
  sleep: (ms: number) => Promise<void>;
  onProgress: (journal: Journal, nextCheckMs: number | undefined) => void;
}

/** The delays between polls: growing by half from the first, capped. Pure. */
export function nextDelay(current: number, max = 60_000): number {
  return Math.min(max, Math.max(current + 1, Math.round(current * 1.5)));
}

function apply(journal: Journal, s: BatchState): void {
  const b = journal.batches.find((x) => x.id === s.id);
  if (!b) return;
  b.status = s.status;
  b.counts = s.counts;
  b.outputFileId = s.outputFileId;
  b.errorFileId = s.errorFileId;
}

/** Polls every unfinished batch until all are finished, saving what it sees in the journal. */
export async function pollUntilDone(journal: Journal, deps: RunDeps, o: PollOptions): Promise<void> {
  let delay = o.firstDelayMs;
  for (;;) {
    for (const b of journal.batches) if (!FINISHED.has(b.status)) apply(journal, await deps.api.retrieve(b.id));
    writeJournal(deps.home, journal, deps.now?.());
    const done = journal.batches.every((b) => FINISHED.has(b.status));
    o.onProgress(journal, done ? undefined : delay);
    if (done) return;
    await o.sleep(delay);
    delay = nextDelay(delay, o.maxDelayMs);
  }
}

/** Downloads every output and error file into `dir`; the paths, outputs and errors alike. */
export async function downloadResults(journal: Journal, api: BatchApi, dir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const b of journal.batches) {
    for (const [kind, id] of [['output', b.outputFileId], ['errors', b.errorFileId]] as const) {
      if (!id) continue;
      const path = join(dir, `${kind}-${b.id.replace(/[^A-Za-z0-9_-]/g, '_')}.jsonl`);
      await api.download(id, path);
      paths.push(path);
    }
  }
  return paths;
}

/** One line about where the run is: status and request counts per batch. Pure. */
export function progressLine(journal: Journal, nextCheckMs: number | undefined): string {
  const total = journal.batches.reduce((n, b) => n + (b.counts?.total || b.requests), 0);
  const completed = journal.batches.reduce((n, b) => n + (b.counts?.completed ?? 0), 0);
  const failed = journal.batches.reduce((n, b) => n + (b.counts?.failed ?? 0), 0);
  const statuses = [...new Set(journal.batches.map((b) => b.status))].join(', ');
  const which = journal.batches.length === 1 ? `batch ${journal.batches[0]!.id}` : `${journal.batches.length} batches`;
  const next = nextCheckMs === undefined ? '' : ` · next check in ${nextCheckMs >= 1000 ? `${Math.round(nextCheckMs / 1000)} s` : `${nextCheckMs} ms`}`;
  return `${which}: ${statuses} · ${completed}/${total} requests done${failed ? `, ${failed} failed` : ''}${next}`;
}

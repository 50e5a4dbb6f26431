import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../store/atomic.js';

/** One submitted batch: the server's id, the input file, how many requests it holds, and what was last seen. */
export interface JournalBatch {
  id: string;
  inputFileId: string;
  requests: number;
  status: string;
  counts?: { total: number; completed: number; failed: number };
  outputFileId?: string | null;
  errorFileId?: string | null;
}

/**
 * A batch run, journaled in the data folder before the first poll, so a run that is stopped (Ctrl-C, a crash, a
 * closed laptop) can be picked up by the same command instead of submitting again.
 */
export interface Journal {
  schemaVersion: 1;
  key: string;
  createdAt: string;
  updatedAt: string;
  model: string;
  /** The server, without credentials. */
  baseUrl: string;
  /** How many answer files and requests the run covers. */
  files: number;
  requests: number;
  /** The first few files, to recognise the run in `pmcoach batches`. */
  sample: string[];
  /** How many batches the requests were split into (a run stopped between two submissions has fewer). */
  parts: number;
  batches: JournalBatch[];
  /** Set when every batch finished and the results were graded. */
  gradedAt?: string;
}

/** The run's identity: the server, model, sampling settings and every request's custom_id (file, content, sample). */
export function journalKey(o: { baseUrl: string; model: string; samples: number; temperature: number }, customIds: Iterable<string>): string {
  const h = createHash('sha256').update(JSON.stringify([o.baseUrl, o.model, o.samples, o.temperature]));
  for (const id of [...customIds].sort()) h.update('\n').update(id);
  return h.digest('hex').slice(0, 20);
}

export const batchesDir = (home: string): string => join(home, 'batches');
export const runDir = (home: string, key: string): string => join(batchesDir(home), key);
const journalPath = (home: string, key: string): string => join(runDir(home, key), 'journal.json');

export function readJournal(home: string, key: string): Journal | undefined {
  try {
    const v = JSON.parse(readFileSync(journalPath(home, key), 'utf8')) as Journal;
    return v && v.schemaVersion === 1 && Array.isArray(v.batches) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function writeJournal(home: string, journal: Journal, now = new Date()): void {
  journal.updatedAt = now.toISOString();
  writeJsonAtomic(journalPath(home, journal.key), journal, { mode: 0o600 });
}

/** Every journaled run, newest first; unreadable ones are skipped. */
export function listJournals(home: string): Journal[] {
  const dir = batchesDir(home);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((k) => readJournal(home, k))
    .filter((j): j is Journal => j !== undefined)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The run that holds a batch id (or a unique prefix of one). */
export function findBatch(home: string, id: string): { journal: Journal; batch: JournalBatch } | undefined {
  for (const journal of listJournals(home)) {
    const batch = journal.batches.find((b) => b.id === id) ?? journal.batches.find((b) => b.id.startsWith(id));
    if (batch) return { journal, batch };
  }
  return undefined;
}

export function removeRun(home: string, key: string): void {
  rmSync(runDir(home, key), { recursive: true, force: true });
}

/** Terminal batch states: nothing more will change. */
export const FINISHED = new Set(['completed', 'failed', 'expired', 'cancelled']);

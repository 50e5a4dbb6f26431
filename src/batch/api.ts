import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { makeClient } from '../llm/client.js';

/** What pmcoach reads of a batch. */
export interface BatchState {
  id: string;
  status: string;
  counts: { total: number; completed: number; failed: number };
  outputFileId: string | null;
  errorFileId: string | null;
  createdAt: number;
}

/** The Files and Batches calls a batch run needs, behind one small interface (tests use the local server). */
export interface BatchApi {
  upload(path: string): Promise<string>;
  create(inputFileId: string): Promise<BatchState>;
  retrieve(id: string): Promise<BatchState>;
  cancel(id: string): Promise<BatchState>;
  /** Streams a file's content to `path` (written whole or not at all). */
  download(fileId: string, path: string): Promise<void>;
}

function state(b: { id: string; status: string; request_counts?: { total: number; completed: number; failed: number } | null; output_file_id?: string | null; error_file_id?: string | null; created_at: number }): BatchState {
  return {
    id: b.id,
    status: b.status,
    counts: { total: b.request_counts?.total ?? 0, completed: b.request_counts?.completed ?? 0, failed: b.request_counts?.failed ?? 0 },
    outputFileId: b.output_file_id ?? null,
    errorFileId: b.error_file_id ?? null,
    createdAt: b.created_at,
  };
}

/**
 * The OpenAI Batch API through the openai SDK: upload with `purpose: "batch"`, create for
 * `/v1/chat/completions` with a 24 h window, retrieve, cancel, and download. Each call has its own deadline;
 * uploads and downloads get ten times as long.
 */
export function openAiBatchApi(o: { baseUrl: string; apiKey?: string; timeoutSeconds: number; maxRetries?: number }): BatchApi {
  const client = (scale = 1) => makeClient({ baseUrl: o.baseUrl, apiKey: o.apiKey, deadlineAt: Date.now() + o.timeoutSeconds * 1000 * scale, maxRetries: o.maxRetries ?? 3 });
  return {
    async upload(path) {
      const file = await client(10).files.create({ file: createReadStream(path), purpose: 'batch' });
      return file.id;
    },
    async create(inputFileId) {
      return state(await client().batches.create({ input_file_id: inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h' }));
    },
    async retrieve(id) {
      return state(await client().batches.retrieve(id));
    },
    async cancel(id) {
      return state(await client().batches.cancel(id));
    },
    async download(fileId, path) {
      const res = await client(10).files.content(fileId);
      if (!res.body) throw new Error(`file ${fileId} has no content`);
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        await pipeline(Readable.fromWeb(res.body as WebReadableStream), createWriteStream(tmp, { mode: 0o600 }));
        renameSync(tmp, path);
      } catch (error) {
        rmSync(tmp, { force: true });
        throw error;
      }
    },
  };
}

import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { createInterface } from 'node:readline';

/** The Batch API's limits for one input file. */
export const BATCH_LIMITS = { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 } as const;
export type Limits = { maxRequests: number; maxBytes: number };

export interface Part {
  path: string;
  requests: number;
  bytes: number;
}

/** `requests.jsonl`, `requests-2.jsonl`, ... */
export function partPath(first: string, index: number): string {
  if (index === 0) return first;
  const ext = extname(first) || '.jsonl';
  return join(dirname(first), `${basename(first, extname(first))}-${index + 1}${ext}`);
}

/**
 * Writes JSON lines to one file, or to several when a file would pass the limits, streaming: lines are buffered
 * in small chunks and never held all at once. Each part is written to a temp file and renamed when complete,
 * so a crash never leaves a half-written part under its real name. `null` for `first` only counts (--dry-run).
 */
export class JsonlParts {
  readonly parts: Part[] = [];
  private fd: number | undefined;
  private tmp = '';
  private buffer: string[] = [];
  private buffered = 0;

  constructor(
    private readonly first: string | null,
    private readonly limits: Limits = BATCH_LIMITS,
  ) {}

  write(value: unknown): void {
    const line = JSON.stringify(value) + '\n';
    const bytes = Buffer.byteLength(line);
    if (bytes > this.limits.maxBytes) throw new Error(`one request is ${bytes} bytes, above the ${this.limits.maxBytes}-byte limit of a batch file`);
    let part = this.parts.at(-1);
    if (!part || part.requests >= this.limits.maxRequests || part.bytes + bytes > this.limits.maxBytes) part = this.open();
    part.requests++;
    part.bytes += bytes;
    this.buffer.push(line);
    this.buffered += bytes;
    if (this.buffered >= 1 << 20) this.flush();
  }

  private open(): Part {
    this.finishPart();
    const path = this.first === null ? '' : partPath(this.first, this.parts.length);
    if (this.first !== null) {
      mkdirSync(dirname(path), { recursive: true });
      this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
      this.fd = openSync(this.tmp, 'w', 0o600);
    }
    const part = { path, requests: 0, bytes: 0 };
    this.parts.push(part);
    return part;
  }

  private flush(): void {
    if (this.fd !== undefined && this.buffer.length > 0) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }

  private finishPart(): void {
    this.flush();
    if (this.fd === undefined) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
    renameSync(this.tmp, this.parts.at(-1)!.path);
  }

  /** Completes the last part; the parts written, in order. */
  close(): Part[] {
    this.finishPart();
    return this.parts;
  }

  /** Gives up: removes the part being written (complete parts stay). */
  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.tmp) rmSync(this.tmp, { force: true });
  }
}

/** The lines of a file, one at a time (a results file may be larger than memory should hold). */
export async function* readLines(path: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim() !== '') yield line;
}

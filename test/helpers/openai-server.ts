import { afterEach, beforeEach } from 'vitest';
import { tempHome } from './cli.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 that speaks the chat-completions protocol (POST /v1/chat/completions,
 * GET /v1/models), and the Files and Batches APIs (POST /v1/files as multipart, GET /v1/files/:id/content,
 * POST /v1/batches, GET /v1/batches/:id, POST /v1/batches/:id/cancel), for driving the real openai SDK.
 * A batch's status moves one step per retrieve along `batchSteps` (validating, in_progress, completed); when it
 * completes, each input line is answered by the same responders as a chat request, and the output lines come
 * back in reverse order, with `batchLineFault` turning chosen lines into error, expired or malformed lines. Each chat request takes the next scripted reply (or the
 * default), and every request is recorded so tests can assert on what the client sent. A request with
 * `stream: true` gets a successful `content` reply as server-sent events, in chunks.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The JSON body, parsed (undefined for GET). */
  body: any;
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body, or raw text sent as is. */
  body?: unknown;
  /** Shortcut: a chat completion whose message has this content. */
  content?: string;
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** Wait before answering. */
  delayMs?: number;
  /** Never answer (the socket stays open until the client gives up or the server closes). */
  hang?: boolean;
  /** Send the headers at once, then the body one character every this many ms (a server that trickles). */
  dripMs?: number;
  /** For `stream: true` requests: the pieces the content is sent in (default: about three pieces). */
  chunks?: string[];
  /** For `stream: true` requests: end the stream after the pieces, with no finish chunk and no [DONE]. */
  cutStream?: boolean;
  /** For `stream: true` requests: the wait between pieces. */
  chunkDelayMs?: number;
}

export type Responder = Reply | ((req: RecordedRequest, index: number) => Reply);

/** What a batch line becomes instead of its answer. */
export type LineFault = 'error' | 'expired' | 'malformed' | 'missing' | undefined;

export interface TestFile {
  id: string;
  filename: string;
  purpose: string;
  content: string;
}

export interface TestBatch {
  id: string;
  inputFileId: string;
  status: string;
  step: number;
  createdAt: number;
  outputFileId: string | null;
  errorFileId: string | null;
  counts: { total: number; completed: number; failed: number };
}

export interface TestServer {
  /** Base URL including /v1. */
  url: string;
  requests: RecordedRequest[];
  /** Only the chat-completion requests. */
  chats(): RecordedRequest[];
  /** Queue replies for the next chat requests, in order. */
  script(...replies: Responder[]): void;
  /** What a chat request gets when the queue is empty. */
  setDefault(responder: Responder): void;
  /** The ids GET /v1/models lists; null answers 404. */
  models: string[] | null;
  /** Uploaded files and created batches, by id. */
  files: Map<string, TestFile>;
  batches: Map<string, TestBatch>;
  /** The statuses a batch goes through, one per retrieve; the last one stays. */
  batchSteps: string[];
  /** Turns chosen input lines of a batch into faults (by custom_id and line number). */
  batchLineFault: (customId: string, line: number) => LineFault;
  /** Requests to /v1/batches and /v1/files. */
  batchCalls(): RecordedRequest[];
  close(): Promise<void>;
}

export function completion(content: string, finishReason = 'stop', model = 'test-model'): Record<string, unknown> {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

export function errorBody(message: string, param: string | null = null, type = 'invalid_request_error'): Record<string, unknown> {
  return { error: { message, type, param, code: null } };
}

/**
 * The rubric's criterion ids as the client sent them: from the request's JSON schema, or, for a request
 * without structured output, from the reply shape written out in the prompt (the schema as text), never
 * from the prompt's wording.
 */
export function criterionIds(req: RecordedRequest): string[] {
  const required = req.body?.response_format?.json_schema?.schema?.properties?.criteria?.required;
  if (Array.isArray(required)) return required as string[];
  const text = (req.body?.messages ?? []).map((m: { content: string }) => m.content).join('\n');
  const shape = text.lastIndexOf('{\n  "criteria": {\n');
  if (shape < 0) return [];
  const body = text.slice(shape, text.indexOf('\n  },', shape));
  return [...body.matchAll(/^ {4}"([^"]+)": \{"score"/gm)].map((m) => m[1]!);
}

/** The candidate's answer as the client sent it (the text between the delimiter lines), or ''. */
export function answerSent(req: RecordedRequest): string {
  const user = (req.body?.messages ?? []).find((m: { role: string }) => m.role === 'user')?.content ?? '';
  const m = /\n<<<CANDIDATE_ANSWER ([0-9a-f]+)>>>\n([\s\S]*?)\n<<<END_CANDIDATE_ANSWER \1>>>/.exec(user);
  return m ? m[2]! : '';
}

export interface ScoresOptions {
  /** One score for all, or per criterion id. */
  score?: number | Record<string, unknown>;
  /** Quotes for every criterion, or per id. */
  evidence?: string[] | Record<string, string[]>;
  injection?: boolean;
  /** Leave these criteria out. */
  omit?: string[];
  rationale?: string;
  suggestion?: string;
}

/** A judge reply (JSON text) for the given criteria. */
export function scoresJson(ids: readonly string[], o: ScoresOptions = {}): string {
  const criteria: Record<string, unknown> = {};
  for (const id of ids) {
    if (o.omit?.includes(id)) continue;
    const score = typeof o.score === 'object' ? o.score[id] ?? 3 : o.score ?? 3;
    const evidence = Array.isArray(o.evidence) ? o.evidence : o.evidence?.[id] ?? [];
    criteria[id] = { score, evidence, rationale: o.rationale ?? `Rationale for ${id}.`, suggestion: o.suggestion ?? `Suggestion for ${id}.` };
  }
  return JSON.stringify({ criteria, injection_suspected: o.injection ?? false });
}

/** A responder that scores whatever rubric the request carries. */
export function scores(o: ScoresOptions = {}): (req: RecordedRequest) => Reply {
  return (req) => ({ content: scoresJson(criterionIds(req), o) });
}

/** The faults the LLM judge must survive. */
export const faults = {
  rateLimited: (retryAfterSeconds = 1): Reply => ({ status: 429, headers: { 'retry-after': String(retryAfterSeconds) }, body: errorBody('Rate limit reached', null, 'rate_limit_error') }),
  /** 500 with a short retry-after-ms so the SDK's retries stay quick. */
  serverError: (): Reply => ({ status: 500, headers: { 'retry-after-ms': '20' }, body: errorBody('The server had an error', null, 'server_error') }),
  hang: (): Reply => ({ hang: true }),
  rejectsJsonSchema: (): Reply => ({ status: 400, body: errorBody("Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", 'response_format') }),
  /** Newer OpenAI models: max_tokens is refused, max_completion_tokens wanted. */
  rejectsMaxTokens: (): Reply => ({ status: 400, body: errorBody("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens') }),
  malformed: (): Reply => ({ content: '{"criteria": {"clarification": {"score": 4, "evidence": [' }),
  cutOff: (): Reply => ({ content: '{"criteria": {"clarification": {"score": 4, "evid', finishReason: 'length' }),
};

/** A streamed chat-completion chunk as the server sends it. */
export function chunk(content: string | null, finishReason: string | null = null, model = 'test-model'): Record<string, unknown> {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, delta: content === null ? {} : { role: 'assistant', content }, finish_reason: finishReason, logprobs: null }],
  };
}

/** Content in about three pieces, split at spaces. */
export function splitContent(content: string, pieces = 3): string[] {
  const size = Math.max(1, Math.ceil(content.length / pieces));
  const out: string[] = [];
  let rest = content;
  while (rest.length > size) {
    const cut = rest.indexOf(' ', size);
    if (cut < 0) break;
    out.push(rest.slice(0, cut + 1));
    rest = rest.slice(cut + 1);
  }
  if (rest) out.push(rest);
  return out;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });

export async function startOpenAiServer(): Promise<TestServer> {
  const queue: Responder[] = [];
  let fallback: Responder = scores();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let chatIndex = 0;

  const send = (res: ServerResponse, reply: Reply): void => {
    const status = reply.status ?? 200;
    const body = reply.content !== undefined ? completion(reply.content, reply.finishReason) : reply.body ?? {};
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...reply.headers });
    if (!reply.dripMs) return void res.end(text);
    let i = 0;
    const drip = setInterval(() => {
      if (res.destroyed || i >= text.length) {
        clearInterval(drip);
        if (!res.destroyed) res.end();
        return;
      }
      res.write(text[i++]!);
    }, reply.dripMs);
  };

  const sendStream = async (res: ServerResponse, reply: Reply): Promise<void> => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
    for (const piece of reply.chunks ?? splitContent(reply.content ?? '')) {
      if (res.destroyed) return;
      res.write(`data: ${JSON.stringify(chunk(piece))}\n\n`);
      if (reply.chunkDelayMs) await new Promise((r) => setTimeout(r, reply.chunkDelayMs));
    }
    if (res.destroyed) return;
    if (reply.cutStream) return void res.end();
    res.write(`data: ${JSON.stringify(chunk(null, reply.finishReason ?? 'stop'))}\n\n`);
    res.end('data: [DONE]\n\n');
  };

  const nextReply = (recorded: RecordedRequest): Reply => {
    const responder = queue.shift() ?? fallback;
    return typeof responder === 'function' ? responder(recorded, chatIndex++) : (chatIndex++, responder);
  };

  let ids = 0;
  const fileObject = (f: TestFile) => ({ id: f.id, object: 'file', bytes: Buffer.byteLength(f.content), created_at: 1_700_000_000, filename: f.filename, purpose: f.purpose, status: 'processed' });
  const batchObject = (b: TestBatch) => ({
    id: b.id,
    object: 'batch',
    endpoint: '/v1/chat/completions',
    errors: null,
    input_file_id: b.inputFileId,
    completion_window: '24h',
    status: b.status,
    output_file_id: b.outputFileId,
    error_file_id: b.errorFileId,
    created_at: b.createdAt,
    request_counts: b.counts,
    metadata: null,
  });
  const addFile = (filename: string, purpose: string, content: string): TestFile => {
    const f = { id: `file-${++ids}`, filename, purpose, content };
    server.files.set(f.id, f);
    return f;
  };

  /** Answers every line of a batch's input file as a chat request would be answered. */
  const runBatch = (b: TestBatch): void => {
    const lines = server.files.get(b.inputFileId)!.content.split('\n').filter((l) => l.trim() !== '');
    const out: string[] = [];
    const errors: string[] = [];
    lines.forEach((text, n) => {
      const line = JSON.parse(text) as { custom_id: string; body: unknown };
      const fault = server.batchLineFault(line.custom_id, n);
      if (fault === 'missing') return;
      if (fault === 'expired' || fault === 'error') {
        const error = fault === 'expired' ? { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } : { code: 'server_error', message: 'The server had an error.' };
        errors.push(JSON.stringify({ id: `batch_req_${n}`, custom_id: line.custom_id, response: null, error }));
        return;
      }
      const recorded: RecordedRequest = { method: 'POST', path: '/v1/chat/completions (batch)', headers: {}, body: line.body, at: Date.now() };
      const reply = fault === 'malformed' ? faults.malformed() : nextReply(recorded);
      const status = reply.status ?? 200;
      const body = reply.content !== undefined ? completion(reply.content, reply.finishReason) : reply.body ?? {};
      const entry = JSON.stringify({ id: `batch_req_${n}`, custom_id: line.custom_id, response: { status_code: status, request_id: `req_${n}`, body }, error: null });
      (status === 200 ? out : errors).push(entry);
    });
    out.reverse();
    b.counts = { total: lines.length, completed: out.length, failed: errors.length + (lines.length - out.length - errors.length) };
    b.outputFileId = out.length ? addFile(`${b.id}_output.jsonl`, 'batch_output', out.join('\n') + '\n').id : null;
    b.errorFileId = errors.length ? addFile(`${b.id}_errors.jsonl`, 'batch_output', errors.join('\n') + '\n').id : null;
  };

  const advance = (b: TestBatch): void => {
    if (b.status === 'cancelling') {
      b.status = 'cancelled';
      return;
    }
    if (b.status === 'completed' || b.status === 'cancelled') return;
    b.step = Math.min(b.step + 1, server.batchSteps.length - 1);
    b.status = server.batchSteps[b.step]!;
    if (b.status === 'in_progress') b.counts = { ...b.counts, completed: Math.floor(b.counts.total / 2) };
    if (b.status === 'completed') runBatch(b);
  };

  const handleBatchApi = (req: IncomingMessage, res: ServerResponse, path: string, raw: string, body: any): boolean => {
    if (req.method === 'POST' && path === '/v1/files') {
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(String(req.headers['content-type'] ?? ''));
      if (!boundary) return send(res, { status: 400, body: errorBody('expected multipart/form-data') }), true;
      const fields: Record<string, { filename?: string; value: string }> = {};
      for (const part of raw.split(`--${boundary[1] ?? boundary[2]}`)) {
        const cut = part.indexOf('\r\n\r\n');
        if (cut < 0) continue;
        const head = part.slice(0, cut);
        const name = /name="([^"]+)"/.exec(head)?.[1];
        if (name) fields[name] = { filename: /filename="([^"]*)"/.exec(head)?.[1], value: part.slice(cut + 4).replace(/\r\n$/, '') };
      }
      if (!fields.file || fields.purpose?.value !== 'batch') return send(res, { status: 400, body: errorBody('file and purpose=batch are required') }), true;
      return send(res, { body: fileObject(addFile(fields.file.filename ?? 'upload.jsonl', 'batch', fields.file.value)) }), true;
    }
    const file = /^\/v1\/files\/([^/]+)(\/content)?$/.exec(path);
    if (req.method === 'GET' && file) {
      const f = server.files.get(file[1]!);
      if (!f) return send(res, { status: 404, body: errorBody(`no file ${file[1]}`) }), true;
      if (file[2]) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(f.content);
        return true;
      }
      return send(res, { body: fileObject(f) }), true;
    }
    if (req.method === 'POST' && path === '/v1/batches') {
      const input = server.files.get(body?.input_file_id);
      if (!input) return send(res, { status: 400, body: errorBody('unknown input_file_id', 'input_file_id') }), true;
      if (body?.endpoint !== '/v1/chat/completions' || body?.completion_window !== '24h') return send(res, { status: 400, body: errorBody('bad endpoint or completion_window') }), true;
      const total = input.content.split('\n').filter((l) => l.trim() !== '').length;
      const b: TestBatch = { id: `batch_${++ids}`, inputFileId: input.id, status: server.batchSteps[0]!, step: 0, createdAt: Math.floor(Date.now() / 1000), outputFileId: null, errorFileId: null, counts: { total, completed: 0, failed: 0 } };
      server.batches.set(b.id, b);
      return send(res, { body: batchObject(b) }), true;
    }
    const batch = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(path);
    if (batch) {
      const b = server.batches.get(batch[1]!);
      if (!b) return send(res, { status: 404, body: errorBody(`no batch ${batch[1]}`) }), true;
      if (req.method === 'POST' && batch[2]) {
        if (b.status !== 'completed') b.status = 'cancelling';
      } else if (req.method === 'GET' && !batch[2]) advance(b);
      else return false;
      return send(res, { body: batchObject(b) }), true;
    }
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = req.method === 'POST' ? await readBody(req) : '';
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const path = (req.url ?? '/').split('?')[0]!;
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: { ...req.headers }, body, at: Date.now() };
    requests.push(recorded);
    if (req.method === 'GET' && path === '/v1/models') {
      if (server.models === null) return send(res, { status: 404, body: errorBody('Not found') });
      return send(res, { body: { object: 'list', data: server.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'test' })) } });
    }
    if (path.startsWith('/v1/files') || path.startsWith('/v1/batches')) {
      if (typeof body === 'string') recorded.body = undefined;
      if (handleBatchApi(req, res, path, raw, body)) return;
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      const reply = nextReply(recorded);
      if (reply.hang) return;
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (res.destroyed) return;
      const streamed = (body as { stream?: unknown } | undefined)?.stream === true;
      if (streamed && (reply.status ?? 200) < 300 && reply.content !== undefined) return sendStream(res, reply);
      return send(res, reply);
    }
    send(res, { status: 404, body: errorBody(`no route ${req.method} ${path}`) });
  };

  const http: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: errorBody(String(error)) });
    });
  });
  http.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  const server: TestServer = {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chats: () => requests.filter((r) => r.path === '/v1/chat/completions'),
    script: (...replies) => queue.push(...replies),
    setDefault: (r) => (fallback = r),
    models: ['test-model'],
    files: new Map(),
    batches: new Map(),
    batchSteps: ['validating', 'in_progress', 'completed'],
    batchLineFault: () => undefined,
    batchCalls: () => requests.filter((r) => r.path.startsWith('/v1/batches') || r.path.startsWith('/v1/files')),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        http.close(() => resolve());
      }),
  };
  return server;
}

/** For a test file: a fresh test server and a fresh PMCOACH_HOME per test, both gone after it. */
export function serverTestbed(): { readonly server: TestServer; readonly home: { home: string; cleanup: () => void } } {
  let server: TestServer | undefined;
  let home: { home: string; cleanup: () => void } | undefined;
  beforeEach(async () => {
    server = await startOpenAiServer();
    home = tempHome();
  });
  afterEach(async () => {
    await server?.close();
    home?.cleanup();
  });
  return {
    get server() {
      return server!;
    },
    get home() {
      return home!;
    },
  };
}

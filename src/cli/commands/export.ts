import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { readSession, readSessions, resolveRef } from '../../session/read.js';
import { writeFileAtomic } from '../../store/atomic.js';
import { renderSessionMarkdown } from '../../transcript/markdown.js';
import { toTranscriptJson, transcriptJsonText } from '../../transcript/json.js';
import { UserError } from '../../errors.js';
import { note } from '../output.js';

export interface ExportOptions {
  format?: 'md' | 'json';
  output?: string;
  /** --no-model-answer sets it false: the transcript leaves the question's model answer out. */
  modelAnswer?: boolean;
}

/** md unless asked otherwise: --format wins, then an -o name ending in .json, then the global --json. */
export function exportFormat(opts: ExportOptions, json: boolean): 'md' | 'json' {
  if (opts.format) return opts.format;
  if (opts.output && /\.json$/i.test(opts.output)) return 'json';
  return json ? 'json' : 'md';
}

export async function run(ctx: Context, ref: string, opts: ExportOptions): Promise<void> {
  const { id, picked } = resolveRef(readSessions(ctx.paths), ref);
  if (picked) note(ctx, `Exporting the latest finished session: ${picked}`);
  const session = readSession(ctx.paths, id);
  const modelAnswer = opts.modelAnswer !== false;
  const text = exportFormat(opts, ctx.json) === 'json' ? transcriptJsonText(toTranscriptJson(session, { modelAnswer })) : renderSessionMarkdown(session, { modelAnswer });
  if (!opts.output) {
    ctx.stdout.write(text);
    return;
  }
  const path = resolve(opts.output);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UserError(`${opts.output} is a folder; give a file name, e.g. -o ${opts.output.replace(/\/+$/, '')}/${id}.md`);
  try {
    writeFileAtomic(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOSPC', 'EISDIR'].includes(code)) throw new UserError(`cannot write ${opts.output} (${code}); choose another -o path`);
    throw error;
  }
  note(ctx, `Wrote ${path}`);
}

import { readFileSync, existsSync } from 'node:fs';
import { mockScriptSchema, type MockScript } from './schema.js';
import { decodeSource, nodeAt, parseYaml, validateParsed } from '../questions/parse.js';
import { formatProblem, type Problem } from '../questions/problems.js';
import { displayPath } from '../questions/load.js';
import { UserError } from '../errors.js';

/** Parses a mock script's text with positioned problems. Pure. */
export function parseMockScript(bytes: Uint8Array, file: string): { script?: MockScript; problems: Problem[] } {
  const decoded = decodeSource(bytes, file);
  if ('problem' in decoded) return { problems: [decoded.problem] };
  const { parsed, problems } = parseYaml(decoded.text, file);
  if (!parsed) return { problems };
  const r = validateParsed(parsed, mockScriptSchema, file);
  return { script: r.value, problems: r.problems };
}

/** Reads a mock script or fails with every problem listed and one line saying what to fix. */
export function loadMockScript(path: string): MockScript {
  const file = displayPath(path);
  if (!existsSync(path)) throw new UserError(`no mock script at ${file}`);
  const { script, problems } = parseMockScript(readFileSync(path), file);
  if (!script || problems.length) {
    throw new UserError(`${file} is not a valid mock script (${problems.length} problem${problems.length === 1 ? '' : 's'} above); fix it and run again`, {
      details: problems.map(formatProblem),
    });
  }
  return script;
}

/** A mock script as pmcoach validate sees it: the script when valid, and every `id:` it names with its position. */
export interface ParsedMockFile {
  kind: 'mock';
  file: string;
  script?: MockScript;
  ids: Array<{ id: string; field: string; line: number; col: number }>;
  problems: Problem[];
}

/** A mapping with a list of questions and a title, interviewer or break_seconds, and no id of its own. Pure. */
export function looksLikeMockScript(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  return 'questions' in v && !('id' in v) && ('title' in v || 'interviewer' in v || 'break_seconds' in v);
}

/** Lets the bank loader check mock scripts beside questions (pmcoach validate). Pure. */
export function recogniseMockScript(value: unknown, bytes: Uint8Array, file: string): { parsed: ParsedMockFile; problems: Problem[] } | undefined {
  if (!looksLikeMockScript(value)) return undefined;
  const { script, problems } = parseMockScript(bytes, file);
  const ids: ParsedMockFile['ids'] = [];
  const decoded = decodeSource(bytes, file);
  const { parsed } = 'text' in decoded ? parseYaml(decoded.text, file) : { parsed: undefined };
  const entries = (value as { questions?: unknown }).questions;
  if (parsed && Array.isArray(entries)) {
    entries.forEach((e, i) => {
      const id = (e as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') return;
      const node = nodeAt(parsed.doc, ['questions', i, 'id'], true);
      ids.push({ id, field: `questions.${i}.id`, ...parsed.lines.linePos(node?.range?.[0] ?? 0) });
    });
  }
  const out: ParsedMockFile = { kind: 'mock', file, script, ids, problems };
  return { parsed: out, problems };
}

import { LineCounter, parseDocument, isAlias, isMap, isSeq, isScalar, isPair, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { Problem } from './problems.js';
import { closest } from './suggest.js';

export const MAX_FILE_BYTES = 1024 * 1024;

type Path = ReadonlyArray<PropertyKey>;

/** Turns raw bytes into text, or says why the file cannot be read as YAML. Pure. */
export function decodeSource(bytes: Uint8Array, file: string): { text: string } | { problem: Problem } {
  const at = (message: string): { problem: Problem } => ({ problem: { file, line: 1, col: 1, field: '', message } });
  if (bytes.byteLength > MAX_FILE_BYTES) return at(`file is ${(bytes.byteLength / 1048576).toFixed(1)} MiB; the limit is 1 MiB, split it into smaller files`);
  if (bytes.includes(0)) return at('binary file, not YAML or JSON text; remove it or give a text file');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return at('file is not valid UTF-8 text; save it as UTF-8');
  }
}

export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
}

/** Parses YAML keeping positions; syntax errors become problems. Pure. */
export function parseYaml(text: string, file: string): { parsed?: ParsedYaml; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = lines.linePos(e.pos[0]);
      return { file, line: pos.line, col: pos.col, field: '', message: `YAML syntax: ${firstLine(e.message)}` };
    });
    return { problems };
  }
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    return { problems: [{ file, line: 1, col: 1, field: '', message: 'file is empty; expected a mapping such as "id: ...", "title: ...", "prompt: ..."' }] };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    // yaml refuses too many aliases (a "billion laughs" file) or an alias to a missing anchor: a problem of
    // this file, at its first alias, never an exception that stops the other files.
    const at = lines.linePos(firstAlias(doc) ?? 0);
    const excessive = /excessive alias/i.test((error as Error).message);
    const message = excessive
      ? `too many YAML aliases (more than ${MAX_ALIASES} uses of anchors, counting nested ones); write the repeated parts out`
      : `YAML aliases: ${firstLine((error as Error).message)}`;
    return { problems: [{ file, line: at.line, col: at.col, field: '', message }] };
  }
  if (expandsBeyond(value, MAX_VALUES)) {
    const at = lines.linePos(firstAlias(doc) ?? 0);
    return { problems: [{ file, line: at.line, col: at.col, field: '', message: `the YAML aliases expand to more than ${MAX_VALUES.toLocaleString('en-US')} values; write the repeated parts out` }] };
  }
  return { parsed: { doc, lines, value }, problems: [] };
}

/**
 * Aliases (`*name`) a file may use, nested ones multiplied (yaml's count). 1,000, not yaml's default 100: a
 * 1 MiB bank file holds about 300 questions (the bundled ones average 3 KB) and a list may reuse an anchor or
 * two per question (a framework, shared follow-ups), which passes 100 but stays well under 1,000; a nested
 * "billion laughs" file reaches 1,000 at its third level (10 x 10 x 10).
 */
export const MAX_ALIASES = 1000;

/**
 * Values a file may expand to through aliases. yaml shares one object per anchor, so memory does not
 * multiply, but validation walks every copy: this bounds that walk. A 1 MiB file without aliases has well
 * under 500,000 values.
 */
export const MAX_VALUES = 1_000_000;

/** True when walking `value` (shared objects once per use) meets more than `budget` values; stops early. Pure. */
export function expandsBeyond(value: unknown, budget: number): boolean {
  const stack: unknown[] = [value];
  let n = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (++n > budget) return true;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) stack.push(x);
  }
  return false;
}

function firstAlias(doc: Document.Parsed): number | undefined {
  let at: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node)) at = node.range?.[0];
      return visit.BREAK;
    },
  });
  return at;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** The node at `path`, or the deepest ancestor that exists; `key` asks for the key node of the last segment. */
export function nodeAt(doc: Document.Parsed, path: Path, key = false): Node | null {
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return node as Node;
      if (last && key) return pair.key as Node;
      if (pair.value === null) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined || item === null) return node as Node;
      node = item;
    } else {
      return (node as Node | null) ?? null;
    }
  }
  return (node as Node | null) ?? null;
}

function position(parsed: ParsedYaml, path: Path, key = false): { line: number; col: number } {
  const node = nodeAt(parsed.doc, path, key);
  const offset = node?.range?.[0] ?? 0;
  return parsed.lines.linePos(offset);
}

/** The keys an object schema accepts at `path`, for "did you mean" hints. */
export function keysAt(schema: z.ZodType, path: Path): string[] {
  const keys = new Set<string>();
  const visit = (s: unknown, rest: Path): void => {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (!def) return;
    switch (def.type) {
      case 'optional':
      case 'default':
      case 'prefault':
      case 'nullable':
      case 'readonly':
        return visit(def.innerType, rest);
      case 'pipe':
        return visit(def.in, rest);
      case 'union':
        for (const o of def.options as unknown[]) visit(o, rest);
        return;
      case 'array':
        if (rest.length === 0) return;
        return visit(def.element, rest.slice(1));
      case 'object': {
        const shape = def.shape as Record<string, unknown>;
        if (rest.length === 0) {
          for (const k of Object.keys(shape)) keys.add(k);
          return;
        }
        return visit(shape[String(rest[0])], rest.slice(1));
      }
      default:
        return;
    }
  };
  visit(schema, path);
  return [...keys];
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  input?: unknown;
  expected?: string;
  errors?: Issue[][];
}

/** Picks the union branch that matches the value's kind, so the user sees that branch's real problems. */
function expandUnion(issue: Issue): Issue[] {
  const branches = issue.errors ?? [];
  const specific = branches.filter((b) => !b.every((i) => i.code === 'invalid_type' && i.path.length === 0));
  const pick = specific.sort((a, b) => a.length - b.length)[0];
  if (!pick) return [issue];
  return pick.flatMap((i) => (i.code === 'invalid_union' ? expandUnion(i) : [i])).map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}

function describe(issue: Issue, value: unknown): string {
  if (issue.code === 'invalid_type' && value === undefined) return 'required field is missing';
  if (issue.code === 'invalid_type') {
    const got =
      value === null
        ? 'nothing (null)'
        : typeof value === 'number' && !Number.isFinite(value)
          ? Number.isNaN(value)
            ? '.nan (not a number)'
            : `${value < 0 ? '-' : ''}.inf (infinity)`
          : Array.isArray(value)
            ? 'a list'
            : typeof value === 'object'
              ? 'a mapping'
              : `${typeof value} ${shorten(JSON.stringify(value))}`;
    const want = issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : issue.expected ? `a ${issue.expected}` : 'another type';
    return `expected ${want}, got ${got}`;
  }
  if (issue.code === 'invalid_value' || issue.code === 'invalid_enum_value') {
    return issue.message.replace(/^Invalid option: expected one of /, 'must be one of ').replace(/"\|"/g, '", "') + (value !== undefined ? `, got ${shorten(JSON.stringify(value))}` : '');
  }
  return issue.message;
}

/** A value quoted in a message: at most 40 characters of it. */
function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function getIn(value: unknown, path: Path): unknown {
  let v: unknown = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

const fieldName = (path: Path): string => path.map(String).join('.');

/** Validates a parsed YAML value against a schema; every issue becomes a positioned problem. Pure. */
export function validateParsed<S extends z.ZodType>(
  parsed: ParsedYaml,
  schema: S,
  file: string,
): { value?: z.infer<S>; problems: Problem[] } {
  const result = schema.safeParse(parsed.value);
  if (result.success) return { value: result.data as z.infer<S>, problems: [] };
  const issues = (result.error.issues as unknown as Issue[]).flatMap((i) => (i.code === 'invalid_union' ? expandUnion(i) : [i]));
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, issue.path);
      for (const k of issue.keys ?? []) {
        const path = [...issue.path, k];
        const hint = closest(k, known, 1)[0];
        problems.push({
          file,
          ...position(parsed, path, true),
          field: fieldName(path),
          message: `unknown field${hint ? `; did you mean "${hint}"?` : known.length ? `; expected one of ${known.join(', ')}` : ''}`,
        });
      }
      continue;
    }
    const value = getIn(parsed.value, issue.path);
    problems.push({ file, ...position(parsed, issue.path), field: fieldName(issue.path), message: describe(issue, value) });
  }
  return { problems: problems.sort((a, b) => a.line - b.line || a.col - b.col) };
}

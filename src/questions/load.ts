import { readdirSync, readFileSync, statSync, existsSync, rmSync } from 'node:fs';
import { join, relative, resolve, isAbsolute } from 'node:path';
import { readEnv } from '../env.js';
import { packageRoot } from '../store/package-root.js';
import type { Question, Rubric } from './schema.js';
import type { Problem } from './problems.js';
import { sortProblems } from './problems.js';
import { compareText } from './suggest.js';
import type { FileResult, Recogniser } from './classify.js';
import { kindOfPath, type FileKind } from './kind.js';

export interface Bank<T = never> {
  questions: Question[];
  rubrics: Rubric[];
  problems: Problem[];
  /** Where each question id was defined. */
  sources: Record<string, string>;
  /** Files of another kind that `recognise` claimed (answer files for pmcoach validate), valid or not. */
  others: T[];
  /** Paths asked for that do not exist (also reported in `problems`). */
  missing: string[];
  fileCount: number;
  badFiles: string[];
}

/** The bank shipped with pmcoach: `<package>/questions`. */
export function bundledDir(): string {
  return join(packageRoot(), 'questions');
}

/** The folders in use: the bundled bank, then PMCOACH_QUESTIONS, then --questions flags. */
export function questionDirs(extra: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = readEnv(env).questions;
  const dirs = [bundledDir(), ...fromEnv, ...extra].map((d) => resolve(d));
  return [...new Set(dirs)];
}

export interface SourceFile {
  path: string;
  kind: FileKind;
  size: number;
  mtimeMs: number;
}

/** Finds YAML files under files or folders; a missing path is a problem, not a crash. */
export function findFiles(paths: readonly string[], pattern = /\.ya?ml$/i): { files: SourceFile[]; missing: string[] } {
  const files: SourceFile[] = [];
  const missing: string[] = [];
  const add = (path: string, kind?: FileKind): void => {
    const st = statSync(path);
    files.push({ path, kind: kind ?? kindOfPath(path), size: st.size, mtimeMs: st.mtimeMs });
  };
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareText(a.name, b.name));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && pattern.test(e.name)) add(p);
    }
  };
  for (const p of paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) {
      missing.push(p);
      continue;
    }
    if (statSync(abs).isDirectory()) walk(abs);
    else add(abs);
  }
  return { files, missing };
}

export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Cross-file checks: duplicate ids and rubric references. Pure. */
export function assembleBank<T = never>(results: FileResult<T>[], builtinRubricIds: readonly string[] = []): Bank<T> {
  const problems: Problem[] = results.flatMap((r) => r.problems);
  const questions: Question[] = [];
  const sources: Record<string, string> = {};
  const firstAt: Record<string, string> = {};
  const rubrics: Rubric[] = [];
  const rubricAt: Record<string, string> = {};
  for (const r of results) {
    for (const rubric of r.rubrics) {
      if (rubricAt[rubric.id]) {
        problems.push({ file: r.file, line: 1, col: 1, field: 'id', message: `duplicate rubric id "${rubric.id}" (also in ${rubricAt[rubric.id]})` });
        continue;
      }
      rubricAt[rubric.id] = r.file;
      rubrics.push(rubric);
    }
  }
  const rubricIds = new Set([...rubrics.map((r) => r.id), ...builtinRubricIds]);
  const known = [...rubricIds].join(', ') || 'none loaded';
  /** Questions dropped for an unknown rubric; reported at their `rubric:` key, valid question or not. */
  const badRubric = new Set<string>();
  for (const r of results) {
    for (const ref of r.rubricRefs ?? []) {
      if (rubricIds.has(ref.id)) continue;
      problems.push({ file: r.file, line: ref.line, col: ref.col, field: 'rubric', message: `unknown rubric "${ref.id}" (known: ${known})` });
      if (ref.question) badRubric.add(`${r.file}\u0000${ref.question}`);
    }
  }
  for (const r of results) {
    for (const { question, line, col } of r.questions) {
      const here = `${r.file}:${line}:${col}`;
      if (firstAt[question.id]) {
        problems.push({ file: r.file, line, col, field: 'id', message: `duplicate id "${question.id}" (also in ${firstAt[question.id]})` });
        continue;
      }
      if (typeof question.rubric === 'string' && !rubricIds.has(question.rubric)) {
        // Reported above at its `rubric:` key (or here, for a result made without refs).
        if (!badRubric.has(`${r.file}\u0000${question.id}`)) problems.push({ file: r.file, line, col, field: 'rubric', message: `unknown rubric "${question.rubric}" (known: ${known})` });
        continue;
      }
      firstAt[question.id] = here;
      sources[question.id] = r.file;
      questions.push(question);
    }
  }
  const badFiles = [...new Set(problems.map((p) => p.file))];
  const others = results.flatMap((r) => r.others);
  return { questions, rubrics, problems: sortProblems(problems), sources, others, missing: [], fileCount: results.length, badFiles };
}

export const NO_SUCH_PATH = 'no such file or folder';

export interface LoadOptions {
  /** Folders or files; default: the folders in use. */
  paths?: readonly string[];
  extraDirs?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Folder for the parsed-bank cache; none disables it. */
  cacheDir?: string;
  /** Always include the bundled rubrics, even when `paths` does not (so references to them resolve). */
  withBundledRubrics?: boolean;
}

export interface LoadOptionsWith<T> extends LoadOptions {
  /** Also read .json files, and hand values that are not questions to this (pmcoach validate). Never cached. */
  recognise: Recogniser<T>;
}

const CACHE_VERSION = 5;
const CACHE_KEEP = 8;

/** Two 32-bit FNV-1a hashes as hex: enough to name a cache file, and no crypto module at start-up. */
export function fnv1a(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Keeps the newest few bank caches (one per set of folders in use), removes the rest. */
function pruneCache(dir: string, keep: string): void {
  const old = readdirSync(dir)
    .filter((n) => /^bank-[0-9a-f]+\.json$/.test(n) && join(dir, n) !== keep)
    .map((n) => ({ path: join(dir, n), at: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const f of old.slice(CACHE_KEEP - 1)) rmSync(f.path, { force: true });
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * A cheap check of a cached bank: every field the commands read, with its type. Not zod: the cache exists to
 * skip zod's ~60 ms load and the parse, and it only ever holds what this code wrote. Pure.
 */
export function looksLikeBank(v: unknown): boolean {
  if (!isObj(v)) return false;
  if (!Array.isArray(v.questions) || !Array.isArray(v.rubrics) || !Array.isArray(v.problems) || !Array.isArray(v.others)) return false;
  if (!isObj(v.sources) || typeof v.fileCount !== 'number' || !isStrings(v.badFiles) || !isStrings(v.missing)) return false;
  const question = (q: unknown): boolean =>
    isObj(q) &&
    ['id', 'title', 'prompt', 'category', 'difficulty'].every((k) => typeof q[k] === 'string') &&
    isStrings(q.tags) &&
    isStrings(q.follow_ups) &&
    isObj(q.reference) &&
    Array.isArray(q.facts) &&
    q.facts.every((f) => isObj(f) && typeof f.topic === 'string' && typeof f.answer === 'string' && isStrings(f.keywords));
  const rubric = (r: unknown): boolean => isObj(r) && typeof r.id === 'string' && Array.isArray(r.criteria) && r.criteria.every((c) => isObj(c) && typeof c.id === 'string' && typeof c.weight === 'number' && isObj(c.levels));
  const problem = (p: unknown): boolean => isObj(p) && typeof p.file === 'string' && typeof p.line === 'number' && typeof p.message === 'string';
  return v.questions.every(question) && v.rubrics.every(rubric) && v.problems.every(problem);
}

/** Reads, parses and validates the bank. A bad file becomes problems, never an exception. */
export async function loadBank(options?: LoadOptions): Promise<Bank>;
export async function loadBank<T>(options: LoadOptionsWith<T>): Promise<Bank<T>>;
export async function loadBank<T>(options: LoadOptions & { recognise?: Recogniser<T> } = {}): Promise<Bank<T>> {
  const env = options.env ?? process.env;
  const paths = options.paths ?? questionDirs(options.extraDirs, env);
  const { files, missing } = findFiles(paths, options.recognise ? /\.(ya?ml|json)$/i : undefined);
  if (options.withBundledRubrics) {
    const rubricDir = join(bundledDir(), 'rubrics');
    if (!files.some((f) => f.path.startsWith(rubricDir)) && existsSync(rubricDir)) files.push(...findFiles([rubricDir]).files);
  }
  const key = fnv1a(JSON.stringify([CACHE_VERSION, process.cwd(), files.map((f) => [f.path, f.size, f.mtimeMs])]));
  const cachePath = options.cacheDir ? join(options.cacheDir, `bank-${key}.json`) : undefined;
  let bank: Bank<T> | undefined;
  if (cachePath && !options.recognise) {
    try {
      const cached: unknown = JSON.parse(readFileSync(cachePath, 'utf8'));
      // A cache that does not have the bank's shape (cut short, edited, from a bug) is rebuilt, never trusted.
      bank = looksLikeBank(cached) ? (cached as Bank<T>) : undefined;
    } catch {
      bank = undefined;
    }
  }
  if (!bank) {
    const { parseBankFile } = await import('./classify.js');
    const results = files.map((f) => parseBankFile(readFileSync(f.path), displayPath(f.path), f.kind, options.recognise));
    bank = assembleBank(results);
    if (cachePath && !options.recognise) {
      const { writeJsonAtomic } = await import('../store/atomic.js');
      try {
        writeJsonAtomic(cachePath, bank);
        pruneCache(options.cacheDir!, cachePath);
      } catch {
        // A cache that cannot be written only costs speed.
      }
    }
  }
  if (missing.length > 0) {
    const extra = missing.map((m) => ({ file: m, line: 1, col: 1, field: '', message: NO_SUCH_PATH }));
    bank = { ...bank, problems: [...extra, ...bank.problems], badFiles: [...missing, ...bank.badFiles], missing };
  }
  return bank;
}

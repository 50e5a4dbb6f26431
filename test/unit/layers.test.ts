import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The import graph of src/, read from the source: which file imports which (relative imports only). */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => resolve(dirname(file), (m[1] ?? m[2])!.replace(/\.js$/, '.ts')));
}

/** "cli", "scoring", or "." for a file at the top of src/. */
const folderOf = (file: string): string => {
  const rel = relative(SRC, file);
  return rel.includes('/') ? rel.split('/')[0]! : '.';
};

const edges = sourceFiles(SRC).flatMap((from) => importsOf(from).map((to) => ({ from, to })));

describe('layers', () => {
  it('finds the import graph (a guard against a scanner that reads nothing)', () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(edges.some((e) => folderOf(e.from) === 'cli' && folderOf(e.to) === 'scoring')).toBe(true);
  });

  it('nothing outside src/cli imports from src/cli', () => {
    const wrong = edges.filter((e) => folderOf(e.from) !== 'cli' && folderOf(e.to) === 'cli');
    expect(wrong.map((e) => `${relative(SRC, e.from)} -> ${relative(SRC, e.to)}`)).toEqual([]);
  });

  it('errors.ts and text/ import nothing of ours', () => {
    const wrong = edges.filter((e) => (relative(SRC, e.from) === 'errors.ts' || folderOf(e.from) === 'text') && folderOf(e.to) !== folderOf(e.from));
    expect(wrong.map((e) => `${relative(SRC, e.from)} -> ${relative(SRC, e.to)}`)).toEqual([]);
  });

  it('no two core folders import each other, directly or around a loop', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      const a = folderOf(e.from);
      const b = folderOf(e.to);
      if (a === b || a === '.' || b === '.' || a === 'cli') continue;
      if (!graph.has(a)) graph.set(a, new Set());
      graph.get(a)!.add(b);
    }
    const cycles: string[] = [];
    const visit = (node: string, path: string[]): void => {
      for (const next of graph.get(node) ?? []) {
        if (next === path[0]) cycles.push([...path, next].join(' -> '));
        else if (!path.includes(next) && next > path[0]!) visit(next, [...path, next]);
      }
    };
    for (const start of graph.keys()) visit(start, [start]);
    expect(cycles).toEqual([]);
  });
});

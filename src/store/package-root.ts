import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;
let manifest: { name?: string; version?: string } | undefined;

/**
 * The folder pmcoach is installed in (where package.json, questions/ and dist/ are), found by walking up
 * from this module: the same answer from the sources (tests), the bundle in dist/, or a global install.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'pmcoach') {
        manifest = parsed;
        return (root = dir);
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`pmcoach: no package.json named pmcoach above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export function packageVersion(): string {
  packageRoot();
  return manifest?.version ?? '0.0.0';
}

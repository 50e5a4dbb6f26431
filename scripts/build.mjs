// Builds dist/ from src/: one ES module bundle for start-up (main, the program and the light modules every
// command needs, commander included), with each command and its heavy imports split into chunks loaded only
// when that command runs. openai, yaml, zod and @inquirer stay in node_modules and load lazily too; chalk is
// bundled, without its colour detection (we set its level).
// Why a bundle: Node 20 has no module compile cache, and resolving and loading ~25 small modules plus
// commander through the CommonJS loader cost about 10 ms of every start (see bench/startup.bench.ts).
// Type-checking is `npm run typecheck` (tsc); this step only transpiles and bundles.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { 'cli/main': 'src/cli/main.ts' },
  outdir: 'dist',
  chunkNames: 'cli/chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['openai', 'openai/*', 'yaml', 'zod', 'zod/*', '@inquirer/*'],
  // commander is CommonJS: give the bundle a require for its node: imports.
  banner: { js: "import { createRequire as __pmcoachRequire } from 'node:module';\nconst require = __pmcoachRequire(import.meta.url);" },
  logLevel: 'warning',
  plugins: [
    {
      // chalk is bundled without its colour detection: see scripts/chalk-levels.mjs.
      name: 'chalk-levels',
      setup(b) {
        b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: fileURLToPath(new URL('./chalk-levels.mjs', import.meta.url)) }));
      },
    },
  ],
});

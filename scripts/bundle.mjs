#!/usr/bin/env node
// The program a learner runs: src/cli.ts and its dependencies bundled into a few ES modules in dist/app/.
// One file per command (loaded when that command runs) instead of ~80 small modules: Node's ES module loader
// pays per file, and that was most of the time between launch and the first question.
// better-sqlite3 stays external: it loads a native addon from its own package.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const outdir = 'dist/app';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  chunkNames: 'chunk-[hash]',
  minifySyntax: true,
  legalComments: 'eof',
  logLevel: 'warning',
  // CommonJS dependencies (commander, yaml…) call require() for Node's built-ins
  banner: {
    js: "import { createRequire as __awsquizRequire } from 'node:module'; const require = __awsquizRequire(import.meta.url);",
  },
});

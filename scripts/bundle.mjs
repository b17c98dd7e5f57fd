#!/usr/bin/env node
// The program a learner runs: src/cli.ts and its dependencies bundled into a few ES modules in dist/app/.
// One file per command (loaded when that command runs) instead of ~80 small modules: Node's ES module loader
// pays per file, and that was most of the time between launch and the first question.
// better-sqlite3 stays external: it loads a native addon from its own package.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

// The index built with the package: the bundled question files and notes as checked now, so that the first
// `validate` (or the first exam) after an install reuses them wherever their contents are unchanged, instead of
// parsing every file. A bank with problems still builds: only the files that passed are indexed.
const index = 'dist/index';
rmSync(index, { recursive: true, force: true });
mkdirSync(index, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'awsquiz-index-'));
spawnSync(process.execPath, ['bin/awsquiz.js', 'validate'], {
  env: { ...process.env, AWSQUIZ_CACHE_DIR: scratch },
  stdio: 'ignore',
});
for (const f of readdirSync(scratch)) {
  const to = f.startsWith('parsed-') ? 'parsed.json' : f.startsWith('notes-') ? 'notes.json' : undefined;
  if (!to) continue;
  copyFileSync(join(scratch, f), join(index, to));
  chmodSync(join(index, to), 0o644); // part of the package: readable by whoever runs it
}
rmSync(scratch, { recursive: true, force: true });

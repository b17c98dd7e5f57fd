import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../root.js';
import { cacheDir, fingerprint, writeCacheText } from './cache.js';

/** A question that passed parsing and the schema, with the lines later checks may point at. */
export interface CachedQuestion {
  value: unknown;
  line: number;
  /** `formatPath(path)` → line, for the fields cross-file checks report on (id, domain, exams, cite) */
  lines: Record<string, number>;
}

interface Entry {
  size: number;
  mtimeMs: number;
  /** fingerprint of the file's bytes: a checkout or a copy changes the time, not the contents */
  hash: string;
  items: CachedQuestion[];
}

interface CacheFile {
  /** fingerprint of the code that parsed and checked the files */
  stamp: string;
  /** path relative to the bank directory → entry */
  files: Record<string, Entry>;
}

/** The fingerprint of a file's contents. */
export function contentHash(abs: string): string {
  return fingerprint(readFileSync(abs, 'latin1'));
}

/** The code that parses and checks a question file, by contents: a changed awsquiz never trusts an old cache. */
function codeStamp(moduleUrls: readonly string[]): string {
  return moduleUrls.map((u) => contentHash(fileURLToPath(u))).join('.');
}

/** Built with the package (`npm run build`): the bundled bank's files as they were checked then. */
export const SEED_DIR = join(PACKAGE_ROOT, 'dist', 'index');

function readCacheFile(file: string, stamp: string): Record<string, Entry> | undefined {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    return c.stamp === stamp && c.files && typeof c.files === 'object' ? c.files : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Question files that parsed and passed the schema on an earlier run. A file is taken from the cache when its size
 * and modification time are unchanged, or else when its contents are (after a checkout, or on a fresh install,
 * where the cache starts from the index built with the package). `validate` re-parses only the files that really
 * changed; every cross-file check (ids, citations against the notes, near-duplicates) runs on the whole bank.
 */
export class ParseCache {
  private readonly file: string;
  private readonly root: string;
  private readonly stamp: string;
  private readonly old: Record<string, Entry>;
  private readonly next: Record<string, Entry> = {};
  private dirty = false;

  constructor(
    bankDir: string,
    moduleUrls: readonly string[],
    env: NodeJS.ProcessEnv = process.env,
    seed = join(SEED_DIR, 'parsed.json'),
  ) {
    this.root = resolve(bankDir);
    this.stamp = codeStamp(moduleUrls);
    this.file = join(cacheDir(env), `parsed-${fingerprint(`${this.root}\n${this.stamp}`)}.json`);
    this.old = readCacheFile(this.file, this.stamp) ?? readCacheFile(seed, this.stamp) ?? {};
  }

  get(abs: string): CachedQuestion[] | undefined {
    const rel = relative(this.root, abs);
    const hit = this.old[rel];
    if (!hit) return undefined;
    const st = statSync(abs);
    if (st.size !== hit.size) return undefined;
    if (st.mtimeMs !== hit.mtimeMs) {
      if (contentHash(abs) !== hit.hash) return undefined;
      this.next[rel] = { ...hit, mtimeMs: st.mtimeMs };
      this.dirty = true;
      return hit.items;
    }
    this.next[rel] = hit;
    return hit.items;
  }

  /** `hash` is of the contents that were parsed (see contentHash), taken with `size` and `mtimeMs` before parsing. */
  put(abs: string, size: number, mtimeMs: number, hash: string, items: CachedQuestion[]): void {
    this.next[relative(this.root, abs)] = { size, mtimeMs, hash, items };
    this.dirty = true;
  }

  save(): void {
    const dropped = Object.keys(this.old).some((f) => !(f in this.next));
    if (this.dirty || dropped)
      writeCacheText(this.file, JSON.stringify({ stamp: this.stamp, files: this.next } satisfies CacheFile));
  }
}

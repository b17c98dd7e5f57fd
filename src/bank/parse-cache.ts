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

interface Entry extends FileStamp {
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

/** How a cache entry was taken: the file's size, modification time and content fingerprint then. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  hash: string;
}

/**
 * Whether an entry still describes the file: 'same' when size and time match, 'moved' when only the time changed
 * but the bytes did not (the entry's time must be updated), undefined when the file changed.
 */
export function freshness(entry: FileStamp, abs: string, st: { size: number; mtimeMs: number }) {
  if (entry.size !== st.size) return undefined;
  if (entry.mtimeMs === st.mtimeMs) return 'same';
  return contentHash(abs) === entry.hash ? 'moved' : undefined;
}

/**
 * Parse a file, noting its size, time and fingerprint first; `stamp` is undefined when the file changed while it
 * was parsed, and then the result must not be cached.
 */
export function parseUnchanged<T>(abs: string, parse: () => T): { value: T; stamp: FileStamp | undefined } {
  const { size, mtimeMs } = statSync(abs);
  const hash = contentHash(abs);
  const value = parse();
  return { value, stamp: contentHash(abs) === hash ? { size, mtimeMs, hash } : undefined };
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
    const fresh = freshness(hit, abs, st);
    if (!fresh) return undefined;
    this.next[rel] = fresh === 'same' ? hit : { ...hit, mtimeMs: st.mtimeMs };
    if (fresh === 'moved') this.dirty = true;
    return hit.items;
  }

  /** `stamp` is the file's as it was parsed (see parseUnchanged). */
  put(abs: string, stamp: FileStamp, items: CachedQuestion[]): void {
    this.next[relative(this.root, abs)] = { ...stamp, items };
    this.dirty = true;
  }

  save(): void {
    const dropped = Object.keys(this.old).some((f) => !(f in this.next));
    if (this.dirty || dropped)
      writeCacheText(this.file, JSON.stringify({ stamp: this.stamp, files: this.next } satisfies CacheFile));
  }
}

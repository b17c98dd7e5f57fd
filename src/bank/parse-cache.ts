import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  items: CachedQuestion[];
}

/** The files of the code that parses and checks a question file: a rebuilt awsquiz never trusts an old cache. */
function codeStamp(moduleUrls: readonly string[]): string {
  return moduleUrls
    .map((u) => {
      const st = statSync(fileURLToPath(u));
      return `${u}\0${st.size}\0${st.mtimeMs}`;
    })
    .join('\n');
}

/**
 * Question files that parsed and passed the schema on an earlier run, keyed by path, size and modification time
 * (as the compiled-bank cache is). `validate` re-parses only the files that changed since; every cross-file check
 * (ids, citations against the notes, near-duplicates) still runs on the whole bank each time.
 */
export class ParseCache {
  private readonly file: string;
  private readonly old: Record<string, Entry>;
  private readonly next: Record<string, Entry> = {};
  private dirty = false;

  constructor(bankDir: string, moduleUrls: readonly string[], env: NodeJS.ProcessEnv = process.env) {
    const key = fingerprint(`${resolve(bankDir)}\n${codeStamp(moduleUrls)}`);
    this.file = join(cacheDir(env), `parsed-${key}.json`);
    let old: Record<string, Entry> = {};
    try {
      old = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, Entry>;
    } catch {
      // no cache yet, or unreadable: every file is parsed
    }
    this.old = old;
  }

  get(abs: string): CachedQuestion[] | undefined {
    const hit = this.old[abs];
    if (!hit) return undefined;
    const st = statSync(abs);
    if (st.size !== hit.size || st.mtimeMs !== hit.mtimeMs) return undefined;
    this.next[abs] = hit;
    return hit.items;
  }

  put(abs: string, size: number, mtimeMs: number, items: CachedQuestion[]): void {
    this.next[abs] = { size, mtimeMs, items };
    this.dirty = true;
  }

  save(): void {
    const dropped = Object.keys(this.old).some((f) => !(f in this.next));
    if (this.dirty || dropped) writeCacheText(this.file, JSON.stringify(this.next));
  }
}

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** `$AWSQUIZ_CACHE_DIR`, else `$XDG_CACHE_HOME/awsquiz`, else `~/.cache/awsquiz`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AWSQUIZ_CACHE_DIR) return env.AWSQUIZ_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'awsquiz');
}

/** Write a cache file atomically and privately; a cache that cannot be written only costs time. */
export function writeCache(file: string, value: unknown): void {
  writeCacheText(file, JSON.stringify(value));
}

export function writeCacheText(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // read-only home, full disk: carry on without the cache
  }
}

/**
 * A cache key from text: two 32-bit FNV-1a lanes, 16 hex digits. Not cryptographic — it only tells whether the
 * sources changed — and cheap enough to keep node:crypto off the start-up path.
 */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

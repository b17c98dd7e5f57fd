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
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    // read-only home, full disk: carry on without the cache
  }
}

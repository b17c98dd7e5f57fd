import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  type Stats,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { PACKAGE_ROOT } from '../root.js';

export type Db = Database.Database;

/**
 * better-sqlite3's compiled addon, named directly: without it the library asks the `bindings` package to search
 * a dozen paths for the file on every start. Undefined (the library searches) if the build put it elsewhere.
 */
const ADDON: string | undefined = (() => {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
})();
const addon = ADDON ? { nativeBinding: ADDON } : {};

/** `--db`, then `AWSQUIZ_DB`, then `$XDG_DATA_HOME/awsquiz/awsquiz.db`, then `~/.local/share/awsquiz/awsquiz.db`. */
export function dbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.AWSQUIZ_DB) return resolve(env.AWSQUIZ_DB);
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'awsquiz', 'awsquiz.db');
}

export interface Migration {
  id: string;
  sql: string;
}

export function loadMigrations(dir = join(PACKAGE_ROOT, 'migrations')): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: f.slice(0, -4), sql: readFileSync(join(dir, f), 'utf8') }));
}

const SQLITE_HEADER = 'SQLite format 3\0';

function sqliteCode(e: unknown): string {
  return (e as { code?: string }).code ?? '';
}

/** Turn SQLite's own errors into messages that name the file and say what to do. */
export function storeFailure(file: string, e: unknown): StoreError {
  const code = sqliteCode(e);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
    return new StoreError(
      `${file} is damaged or is not an awsquiz database (${code}). It was left as it is; move it aside to start a fresh history, or point --db at another file.`,
    );
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new StoreError(
      `${file} is locked by another program and stayed locked; close that program (or other awsquiz sessions) and try again.`,
    );
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM')
    return new StoreError(
      `${file} cannot be written (${code}); check the permissions of the file and its folder, or point --db at another file.`,
    );
  if (code.startsWith('SQLITE_')) return new StoreError(`${file}: ${(e as Error).message} (${code})`);
  return new StoreError(`${file}: ${(e as Error).message}`);
}

function checkHeader(file: string, st: Stats): void {
  if (!st.isFile()) throw new StoreError(`${file} is not a file; point --db at a database file.`);
  if (st.size === 0) return;
  const buf = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  let n: number;
  try {
    n = readSync(fd, buf, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (n < 16 || buf.toString('latin1') !== SQLITE_HEADER) {
    throw new StoreError(
      `${file} is not an SQLite database. It was left as it is; move it aside (or use --db with another path) to start a fresh history.`,
    );
  }
}

/** Migrations recorded in an existing file, read without writing a byte to it. */
function appliedIds(file: string, timeout: number): string[] {
  let ro: Db | undefined;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true, timeout, ...addon });
    const hasTable = ro
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'")
      .get();
    if (!hasTable) {
      const tables = ro.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {
        n: number;
      };
      if (tables.n > 0)
        throw new StoreError(
          `${file} is an SQLite database but not one of awsquiz's; it was left as it is. Use --db with another path.`,
        );
      return [];
    }
    return (ro.prepare('SELECT id FROM schema_migration ORDER BY id').all() as { id: string }[]).map(
      (r) => r.id,
    );
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw storeFailure(file, e);
  } finally {
    ro?.close();
  }
}

/** Whether this process may write the file (the mode bits are checked too: root may write anything). */
function writable(file: string, st: Stats): boolean {
  if ((st.mode & 0o222) === 0) return false;
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

let opened: string | undefined;

/** The database file this process opened last: what a later SQLite failure is about. */
export function currentDbFile(): string | undefined {
  return opened;
}

export interface OpenOptions {
  /** How long a write waits for another program's lock before failing (default 5 s). */
  busyTimeoutMs?: number;
}

/**
 * Open (creating if needed) the history database. An existing file is inspected read-only first: a file that is
 * not SQLite, or that records migrations this build does not know (a newer awsquiz made it), is refused untouched.
 */
export function openDb(file: string, migrations: Migration[] = loadMigrations(), opts: OpenOptions = {}): Db {
  const known = new Set(migrations.map((m) => m.id));
  const timeout = Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000));
  const st = existsSync(file) ? statSync(file) : undefined;
  if (st) {
    checkHeader(file, st);
    if (!writable(file, st))
      throw new StoreError(
        `${file} is read-only, and awsquiz writes every answer to it. It was left as it is; make it writable (chmod u+w) or point --db at another file.`,
      );
    if (st.size > 0) {
      const unknown = appliedIds(file, timeout).filter((id) => !known.has(id));
      if (unknown.length)
        throw new StoreError(
          `${file} was written by a newer awsquiz (it has migration ${unknown.join(', ')}, which this version does not know). ` +
            'It was left as it is; upgrade awsquiz to use it.',
        );
    }
  } else {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      closeSync(openSync(file, 'wx', 0o600));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new StoreError(
          `cannot create ${file}: ${(e as Error).message}; point --db at a writable path.`,
        );
    }
  }
  let db: Db | undefined;
  try {
    // `timeout` is SQLite's busy timeout: how long a write waits for another connection's lock
    db = new Database(file, { fileMustExist: true, timeout, ...addon });
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a crashed or killed process; only an OS crash could lose the last commit
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    opened = file;
    return db;
  } catch (e) {
    db?.close();
    if (e instanceof StoreError) throw e;
    throw storeFailure(file, e);
  }
}

export function migrate(db: Db, migrations: Migration[]): string[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migration (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT',
  );
  const done = new Set(
    (db.prepare('SELECT id FROM schema_migration').all() as { id: string }[]).map((r) => r.id),
  );
  const applied: string[] = [];
  const record = db.prepare('INSERT INTO schema_migration (id, applied_at) VALUES (?, ?)');
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    // the migration and its bookkeeping row commit together or not at all
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, Date.now());
    }).immediate();
    applied.push(m.id);
  }
  return applied;
}

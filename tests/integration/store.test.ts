import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.js';
import { AttemptStore } from '../../src/store/attempts.js';
import { dbPath, loadMigrations, openDb, storeFailure } from '../../src/store/db.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'awsquiz-store-'));

function newAttempt(store: AttemptStore) {
  return store.create({
    mode: 'topic',
    exam: null,
    domains: ['storage'],
    practice: false,
    seed: 7,
    startedAt: 1_700_000_000_000,
    timeLimitMs: 300_000,
    bankHash: 'h',
    items: [
      { questionId: 'q-a', optionOrder: [2, 0, 1, 3], domain: 'storage' },
      { questionId: 'q-b', optionOrder: [0, 1, 2, 3], domain: 'storage' },
      { questionId: 'q-c', optionOrder: [3, 2, 1, 0], domain: 'storage' },
    ],
  });
}

describe('database', () => {
  it('creates a private file in a private directory, in WAL mode with every migration applied', () => {
    const file = join(tmp(), 'sub', 'awsquiz.db');
    const db = openDb(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const ids = (db.prepare('SELECT id FROM schema_migration').all() as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(loadMigrations().map((m) => m.id));
    db.close();
    // opening again applies nothing twice
    openDb(file).close();
  });

  it('keeps answers across a reopen, a changed answer replacing the first', () => {
    const file = join(tmp(), 'a.db');
    let db = openDb(file);
    let store = new AttemptStore(db);
    const id = newAttempt(store);
    store.saveAnswer(
      id,
      { seq: 0, questionId: 'q-a', selection: [2], correct: true, answeredAt: 1, secondsSpent: 10 },
      { elapsedMs: 10_000, position: 1 },
    );
    store.saveAnswer(
      id,
      { seq: 1, questionId: 'q-b', selection: [0], correct: false, answeredAt: 2, secondsSpent: 5 },
      { elapsedMs: 15_000, position: 2 },
    );
    store.saveAnswer(
      id,
      { seq: 1, questionId: 'q-b', selection: [1], correct: true, answeredAt: 3, secondsSpent: 4 },
      { elapsedMs: 19_000, position: 2 },
    );
    store.setFlag(id, 2, true, 4);
    db.close();
    db = openDb(file);
    store = new AttemptStore(db);
    expect(store.latestActive()).toMatchObject({
      id,
      elapsedMs: 19_000,
      position: 2,
      state: 'active',
      domains: ['storage'],
    });
    expect(store.items(id).map((i) => i.optionOrder)).toEqual([
      [2, 0, 1, 3],
      [0, 1, 2, 3],
      [3, 2, 1, 0],
    ]);
    expect(store.answers(id)).toEqual([
      { seq: 0, questionId: 'q-a', selection: [2], correct: true, answeredAt: 1, secondsSpent: 10 },
      { seq: 1, questionId: 'q-b', selection: [1], correct: true, answeredAt: 3, secondsSpent: 9 },
    ]);
    expect(store.flags(id)).toEqual([2]);
    store.finish(id, { state: 'submitted', finishedAt: 5, correct: 2, scaled: null, elapsedMs: 20_000 });
    expect(store.latestActive()).toBeUndefined();
    expect(store.list()[0]).toMatchObject({ id, state: 'submitted', correct: 2, total: 3 });
    db.close();
  });

  it('refuses a database made by a newer awsquiz and leaves its bytes alone', () => {
    const file = join(tmp(), 'newer.db');
    const db = openDb(file);
    db.prepare('INSERT INTO schema_migration (id, applied_at) VALUES (?, ?)').run('9999_from_the_future', 1);
    db.close();
    const before = readFileSync(file);
    expect(() => openDb(file)).toThrow(StoreError);
    expect(() => openDb(file)).toThrow(/newer awsquiz .*9999_from_the_future/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not SQLite and leaves its bytes alone', () => {
    const file = join(tmp(), 'garbage.db');
    const bytes = Buffer.from('this is my shopping list, not a database\n'.repeat(100));
    writeFileSync(file, bytes);
    expect(() => openDb(file)).toThrow(/is not an SQLite database/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses an SQLite database of another program', () => {
    const file = join(tmp(), 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE recipes (name TEXT)');
    other.close();
    const before = readFileSync(file);
    expect(() => openDb(file)).toThrow(/not one of awsquiz's/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a truncated database with a clear message', () => {
    const file = join(tmp(), 'trunc.db');
    const db = openDb(file);
    newAttempt(new AttemptStore(db));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const cut = readFileSync(file).subarray(0, 2048);
    writeFileSync(file, cut);
    expect(() => openDb(file)).toThrow(StoreError);
    expect(readFileSync(file).equals(cut)).toBe(true);
  });

  it('refuses a read-only database file, naming it and what to do, and leaves it alone', () => {
    const file = join(tmp(), 'ro.db');
    const db = openDb(file);
    newAttempt(new AttemptStore(db));
    db.close();
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    expect(() => openDb(file)).toThrow(StoreError);
    expect(() => openDb(file)).toThrow(new RegExp(`${file} is read-only.*chmod u\\+w.*--db`));
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it('refuses a database another program holds locked, and leaves its bytes alone', () => {
    const file = join(tmp(), 'locked.db');
    openDb(file).close();
    const holder = new Database(file);
    try {
      // what a database browser or the sqlite3 shell can do: hold the whole file exclusively
      holder.pragma('locking_mode = EXCLUSIVE');
      holder.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS other_program (x); COMMIT;');
      const before = readFileSync(file);
      expect(() => openDb(file, loadMigrations(), { busyTimeoutMs: 50 })).toThrow(
        new RegExp(`${file} is locked by another program`),
      );
      expect(readFileSync(file).equals(before)).toBe(true);
    } finally {
      holder.close();
    }
    expect(openDb(file).pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a write held up by another program past the busy timeout fails as SQLITE_BUSY; earlier answers stay', () => {
    const file = join(tmp(), 'busy.db');
    const db = openDb(file, loadMigrations(), { busyTimeoutMs: 50 });
    const store = new AttemptStore(db);
    const id = newAttempt(store);
    const answer = (seq: number) =>
      store.saveAnswer(
        id,
        { seq, questionId: `q-${'abc'[seq]}`, selection: [0], correct: true, answeredAt: 1, secondsSpent: 1 },
        { elapsedMs: 1000, position: seq },
      );
    answer(0);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    let failure: unknown;
    try {
      answer(1);
    } catch (e) {
      failure = e;
    }
    expect((failure as { code?: string }).code).toBe('SQLITE_BUSY');
    expect(storeFailure(file, failure).message).toMatch(/is locked by another program/);
    other.exec('ROLLBACK');
    other.close();
    expect(store.answers(id).map((a) => a.seq)).toEqual([0]);
    answer(1);
    expect(store.answers(id).map((a) => a.seq)).toEqual([0, 1]);
    db.close();
  });

  it('finds the database from --db, then AWSQUIZ_DB, then XDG_DATA_HOME', () => {
    expect(dbPath('/x/y.db', {})).toBe('/x/y.db');
    expect(dbPath(undefined, { AWSQUIZ_DB: '/e/q.db', XDG_DATA_HOME: '/d' })).toBe('/e/q.db');
    expect(dbPath(undefined, { XDG_DATA_HOME: '/d' })).toBe('/d/awsquiz/awsquiz.db');
    expect(dbPath(undefined, {})).toMatch(/\.local\/share\/awsquiz\/awsquiz\.db$/);
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';

function writer(file: string, n: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['tests/fixtures/answer-writer.mjs', file, String(n)]);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('two processes answering at once', () => {
  it('loses no answer and shows no SQLITE_BUSY, 10,000 answers each', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'awsquiz-conc-')), 'h.db');
    openDb(file).close();
    const [a, b] = await Promise.all([writer(file, 10_000), writer(file, 10_000)]);
    expect([a.code, a.stderr, b.code, b.stderr]).toEqual([0, '', 0, '']);
    const db = new Database(file, { readonly: true });
    const rows = db
      .prepare('SELECT attempt_id AS id, count(*) AS n FROM answer GROUP BY attempt_id ORDER BY id')
      .all();
    expect(rows).toEqual([
      { id: 1, n: 10_000 },
      { id: 2, n: 10_000 },
    ]);
    const states = db.prepare('SELECT sum(n) AS n FROM question_state').get() as { n: number };
    expect(states.n).toBe(20_000);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttemptStore } from '../../src/store/attempts.js';
import { openDb } from '../../src/store/db.js';
import { fixtureProject, goodQuestion } from './fixtures.js';

const stems = [
  'A company archives invoices that are opened twice a year. Which class is MOST cost-effective?',
  'A studio keeps raw footage that editors reopen after months. Which class fits at the LOWEST cost?',
  'A lab stores genome files touched once a quarter. Which S3 class minimises storage spend?',
];
const bank = fixtureProject({
  'storage/s3.yaml': stems.map((stem, i) => goodQuestion(`storage-q${i}`, { stem })).join(''),
});

function plan(args: string[], db = join(mkdtempSync(join(tmpdir(), 'awsquiz-plan-')), 'none.db')) {
  const cache = mkdtempSync(join(tmpdir(), 'awsquiz-plan-'));
  const r = spawnSync(
    process.execPath,
    ['bin/awsquiz.js', 'exam', ...args, '--plan', '--json', '--bank', bank.bank, '--notes', bank.notes],
    {
      encoding: 'utf8',
      env: { ...process.env, AWSQUIZ_CACHE_DIR: cache, AWSQUIZ_DB: db },
    },
  );
  return { status: r.status, json: r.status === 0 ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

describe('exam --plan', () => {
  it('resolves aliases and is reproducible with a seed', () => {
    const a = plan(['--domain', 's3', '--count', '2', '--seed', 'x']);
    const b = plan(['--domain', 'storage', '--count', '2', '--seed', 'x']);
    expect(a.status).toBe(0);
    expect(a.json.domains).toEqual(['storage']);
    expect(a.json.questions).toHaveLength(2);
    expect(b.json.questions).toEqual(a.json.questions);
    expect(a.json.minutes).toBe(3);
  });

  it('takes what there is for a mock on a small bank, says so and scales the time', () => {
    const r = plan(['--exam', 'saa', '--seed', '1']);
    expect(r.status).toBe(0);
    expect(r.json).toMatchObject({ mode: 'mock', exam: 'saa', requested: 65, count: 3, minutes: 6 });
    expect(r.json.notices.join(' ')).toMatch(/only 3 SAA questions for a 65-question mock/);
  });

  it('draws questions never seen before first, and does not create a history file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'awsquiz-seen-')), 'h.db');
    expect(plan(['--domain', 'storage', '--count', '1'], file).status).toBe(0);
    expect(existsSync(file)).toBe(false);
    const db = openDb(file);
    new AttemptStore(db).create({
      mode: 'topic',
      exam: null,
      domains: ['storage'],
      practice: false,
      seed: 1,
      startedAt: 1,
      timeLimitMs: null,
      bankHash: 'x',
      items: ['storage-q0', 'storage-q2'].map((questionId) => ({
        questionId,
        optionOrder: [0, 1, 2, 3],
        domain: 'storage',
      })),
    });
    db.close();
    for (const seed of ['1', '2', '3', '4']) {
      const r = plan(['--domain', 'storage', '--count', '1', '--seed', seed], file);
      expect(r.json.questions.map((q: { id: string }) => q.id)).toEqual(['storage-q1']);
    }
  });

  it('refuses unknown exams and domains, and a missing choice, with exit 2', () => {
    expect(plan(['--exam', 'sap']).stderr).toMatch(/unknown exam "sap"; choose one of: saa, dva/);
    expect(plan(['--exam', 'sap']).status).toBe(2);
    expect(plan([]).stderr).toMatch(/--exam saa\|dva for a full mock, or --domain/);
    expect(plan(['--domain', 'storage', '--count', '0']).stderr).toMatch(/--count must be a whole number/);
  });
});

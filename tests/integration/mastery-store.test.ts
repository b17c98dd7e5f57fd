import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttemptStore } from '../../src/store/attempts.js';
import { loadMigrations, openDb } from '../../src/store/db.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'awsquiz-mastery-')), 'h.db');
const T = Date.UTC(2026, 10, 1);

function attempt(store: AttemptStore, ids: string[]) {
  return store.create({
    mode: 'topic',
    exam: null,
    domains: ['storage'],
    practice: false,
    seed: 1,
    startedAt: T,
    timeLimitMs: null,
    bankHash: 'h',
    items: ids.map((questionId) => ({ questionId, optionOrder: [0, 1, 2, 3], domain: 'storage' })),
  });
}

const answer = (seq: number, questionId: string, correct: boolean, at: number) => ({
  seq,
  questionId,
  selection: [0],
  correct,
  answeredAt: at,
  secondsSpent: 1,
});

describe('mastery kept with every answer', () => {
  it('updates the question state and FSRS card in the answer transaction; a changed answer replaces its effect', () => {
    const db = openDb(file());
    const store = new AttemptStore(db);
    const id = attempt(store, ['q-a', 'q-b']);
    store.saveAnswer(id, answer(0, 'q-a', true, T), { elapsedMs: 1, position: 1 });
    store.saveAnswer(id, answer(1, 'q-b', false, T + 1000), { elapsedMs: 2, position: 1 });
    let states = new Map(store.mastery.states().map((s) => [s.questionId, s]));
    expect(states.get('q-a')).toMatchObject({ n: 1, correct: 1, lastCorrect: true, w: 1, wc: 1 });
    expect(states.get('q-b')).toMatchObject({ n: 1, correct: 0, lastCorrect: false, wc: 0 });
    const dueWrong = states.get('q-b')!.due!;
    expect(states.get('q-a')!.due!).toBeGreaterThan(dueWrong);
    store.saveAnswer(id, answer(1, 'q-b', true, T + 2000), { elapsedMs: 3, position: 1 });
    states = new Map(store.mastery.states().map((s) => [s.questionId, s]));
    expect(states.get('q-b')).toMatchObject({ n: 1, correct: 1, lastCorrect: true });
    expect(states.get('q-b')!.wc).toBeCloseTo(states.get('q-b')!.w, 9);
    expect(states.get('q-b')!.due).toBe(dueWrong);
    db.close();
  });

  it('caps review intervals at the exam date set in the database', () => {
    const db = openDb(file());
    const store = new AttemptStore(db);
    store.mastery.setSetting('exam-date', '2026-11-05');
    const id = attempt(store, ['q-a']);
    store.saveAnswer(id, answer(0, 'q-a', true, T), { elapsedMs: 1, position: 0 });
    expect(store.mastery.states()[0]!.due).toBeLessThanOrEqual(Date.UTC(2026, 10, 4));
    db.close();
  });

  it('fills the mastery tables from answers stored before the migration', () => {
    const f = file();
    const [first, ...rest] = loadMigrations();
    let db = openDb(f, [first!]);
    const store = db.prepare('INSERT INTO attempt (mode, seed, started_at, total) VALUES (?, ?, ?, ?)');
    const aid = Number(store.run('topic', 1, T, 2).lastInsertRowid);
    const item = db.prepare(
      'INSERT INTO attempt_question (attempt_id, seq, question_id, option_order, domain) VALUES (?, ?, ?, ?, ?)',
    );
    const ans = db.prepare('INSERT INTO answer VALUES (?, ?, ?, ?, ?, ?, ?)');
    item.run(aid, 0, 'q-a', '[0,1,2,3]', 'storage');
    item.run(aid, 1, 'q-a', '[0,1,2,3]', 'storage');
    ans.run(aid, 0, 'q-a', '[0]', 1, T, 1);
    ans.run(aid, 1, 'q-a', '[1]', 0, T + 30 * 86_400_000, 1);
    db.close();
    db = openDb(f, [first!, ...rest]);
    const s = new AttemptStore(db).mastery.states();
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({
      questionId: 'q-a',
      n: 2,
      correct: 1,
      lastCorrect: false,
      lastAt: T + 30 * 86_400_000,
    });
    expect(s[0]!.w).toBeCloseTo(1.5, 9);
    expect(s[0]!.wc).toBeCloseTo(0.5, 9);
    db.close();
  });
});

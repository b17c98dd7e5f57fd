import { describe, expect, it } from 'vitest';
import { answeredCount, nextUnanswered, reduce, remainingMs, startSession } from '../../src/core/session.js';

const items = [0, 1, 2].map((i) => ({ questionId: `q${i}`, optionOrder: [3, 1, 0, 2] }));

describe('session', () => {
  it('records answers as sorted original indices and moves on', () => {
    let s = startSession(items, 60_000);
    s = reduce(s, { type: 'answer', seq: 0, selection: [2], elapsedMs: 5_000 });
    s = reduce(s, { type: 'answer', seq: 2, selection: [3, 1], elapsedMs: 9_000 });
    expect(s.answers).toEqual([[2], null, [1, 3]]);
    expect(answeredCount(s)).toBe(2);
    expect(nextUnanswered(s)).toBe(1);
    expect(remainingMs(s)).toBe(51_000);
  });

  it('lets an answer change until submit, then freezes', () => {
    let s = startSession(items, null);
    s = reduce(s, { type: 'answer', seq: 0, selection: [1], elapsedMs: 1 });
    s = reduce(s, { type: 'answer', seq: 0, selection: [2], elapsedMs: 2 });
    expect(s.answers[0]).toEqual([2]);
    s = reduce(s, { type: 'submit' });
    expect(s.status).toBe('submitted');
    expect(reduce(s, { type: 'answer', seq: 1, selection: [0], elapsedMs: 3 })).toBe(s);
  });

  it('ignores selections that are empty, repeated or out of range', () => {
    const s = startSession(items, null);
    for (const selection of [[], [0, 0], [4], [-1], [1.5]]) {
      expect(reduce(s, { type: 'answer', seq: 0, selection, elapsedMs: 1 }).answers[0]).toBeNull();
    }
  });

  it('times out when the clock passes the limit and refuses a late answer', () => {
    let s = startSession(items, 10_000);
    s = reduce(s, { type: 'tick', elapsedMs: 9_999 });
    expect(s.status).toBe('running');
    const late = reduce(s, { type: 'answer', seq: 0, selection: [0], elapsedMs: 10_001 });
    expect(late.status).toBe('timed-out');
    expect(late.answers[0]).toBeNull();
    expect(late.elapsedMs).toBe(10_000);
    expect(remainingMs(late)).toBe(0);
  });

  it('restores a saved attempt, already out of time if it was', () => {
    const s = startSession(items, 10_000, { answers: [[1], null, null], elapsedMs: 4_000 });
    expect(nextUnanswered(s, 0)).toBe(1);
    expect(startSession(items, 10_000, { elapsedMs: 10_000 }).status).toBe('timed-out');
  });

  it('flags and moves within range only', () => {
    let s = startSession(items, null);
    s = reduce(s, { type: 'flag', seq: 1, flagged: true });
    s = reduce(s, { type: 'move', to: 2 });
    expect(s.flags).toEqual([false, true, false]);
    expect(s.position).toBe(2);
    expect(reduce(s, { type: 'move', to: 3 }).position).toBe(2);
    expect(nextUnanswered(s, 2)).toBe(2);
  });
});

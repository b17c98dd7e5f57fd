import type { PlanItem } from './types.js';

export type SessionStatus = 'running' | 'submitted' | 'timed-out';

/** An attempt in progress: what was asked, what was answered, how much exam time has been used. */
export interface SessionState {
  readonly items: readonly PlanItem[];
  /** per question: the selected options as original option indices, or null when unanswered */
  readonly answers: readonly (readonly number[] | null)[];
  readonly flags: readonly boolean[];
  readonly position: number;
  /** exam time used so far; it only runs while a question is on screen */
  readonly elapsedMs: number;
  readonly timeLimitMs: number | null;
  readonly status: SessionStatus;
}

export type SessionEvent =
  | { type: 'answer'; seq: number; selection: readonly number[]; elapsedMs: number }
  | { type: 'tick'; elapsedMs: number }
  | { type: 'move'; to: number }
  | { type: 'flag'; seq: number; flagged: boolean }
  | { type: 'submit' };

export function startSession(
  items: readonly PlanItem[],
  timeLimitMs: number | null,
  restored?: Partial<Pick<SessionState, 'answers' | 'flags' | 'elapsedMs' | 'position'>>,
): SessionState {
  const state: SessionState = {
    items,
    answers: restored?.answers ?? items.map(() => null),
    flags: restored?.flags ?? items.map(() => false),
    position: restored?.position ?? 0,
    elapsedMs: restored?.elapsedMs ?? 0,
    timeLimitMs,
    status: 'running',
  };
  return timeUp(state) ? { ...state, status: 'timed-out' } : state;
}

function timeUp(s: SessionState): boolean {
  return s.timeLimitMs !== null && s.elapsedMs >= s.timeLimitMs;
}

function validSelection(s: SessionState, seq: number, selection: readonly number[]): boolean {
  const item = s.items[seq];
  if (!item || selection.length === 0) return false;
  const n = item.optionOrder.length;
  return (
    new Set(selection).size === selection.length &&
    selection.every((i) => Number.isInteger(i) && i >= 0 && i < n)
  );
}

/** The exam as a pure function: (state, event) → state. Events after the end change nothing. */
export function reduce(s: SessionState, e: SessionEvent): SessionState {
  if (s.status !== 'running') return s;
  switch (e.type) {
    case 'tick': {
      const next = { ...s, elapsedMs: Math.max(s.elapsedMs, e.elapsedMs) };
      return timeUp(next) ? { ...next, elapsedMs: next.timeLimitMs!, status: 'timed-out' } : next;
    }
    case 'answer': {
      const clocked = reduce(s, { type: 'tick', elapsedMs: e.elapsedMs });
      // an answer that arrives after time ran out is not accepted, as in the real exam
      if (clocked.status !== 'running' || !validSelection(s, e.seq, e.selection)) return clocked;
      const answers = [...clocked.answers];
      answers[e.seq] = [...e.selection].sort((a, b) => a - b);
      return { ...clocked, answers };
    }
    case 'move':
      return e.to >= 0 && e.to < s.items.length ? { ...s, position: e.to } : s;
    case 'flag': {
      if (e.seq < 0 || e.seq >= s.items.length) return s;
      const flags = [...s.flags];
      flags[e.seq] = e.flagged;
      return { ...s, flags };
    }
    case 'submit':
      return { ...s, status: 'submitted' };
  }
}

/** The first unanswered question at or after `from`, wrapping around; null when all are answered. */
export function nextUnanswered(s: SessionState, from = 0): number | null {
  const n = s.items.length;
  for (let k = 0; k < n; k++) {
    const i = (from + k) % n;
    if (s.answers[i] === null) return i;
  }
  return null;
}

export function remainingMs(s: SessionState): number | null {
  return s.timeLimitMs === null ? null : Math.max(0, s.timeLimitMs - s.elapsedMs);
}

export function answeredCount(s: SessionState): number {
  return s.answers.filter((a) => a !== null).length;
}

import {
  estimate,
  evidenceAt,
  rankWeak,
  sumEvidence,
  trend,
  weakness,
  type DecayedState,
  type Estimate,
  type Evidence,
  type WeakReason,
} from './mastery.js';
import type { CoreQuestion } from './types.js';

export interface StateInput extends DecayedState {
  questionId: string;
  n: number;
  correct: number;
  lastAt: number;
  lastCorrect: boolean;
}

export interface MasteryRow {
  key: string;
  /** answers ever given and how many were right */
  answered: number;
  correct: number;
  evidence: Evidence;
  est: Estimate;
  trend: '↑' | '↓' | '→';
  lastAt: number | null;
  /** share of the exam's (or the bank's) questions in this domain, 0–1 */
  share: number;
  weak?: WeakReason;
  /** note sections behind most wrong answers in this domain */
  missedSections: { section: string; misses: number }[];
}

/**
 * Mastery per group of questions (topic domain, guide domain or note section) as of `now`, weakest first.
 * `groupsOf` says which groups a question belongs to; `share` gives each group's weight in the exam.
 */
export function masteryRows(
  questions: readonly CoreQuestion[],
  states: ReadonlyMap<string, StateInput>,
  now: number,
  groupsOf: (q: CoreQuestion) => string[],
  share: (group: string) => number,
): MasteryRow[] {
  const acc = new Map<
    string,
    {
      long: Evidence[];
      short: Evidence[];
      answered: number;
      correct: number;
      lastAt: number | null;
      misses: Map<string, number>;
    }
  >();
  for (const q of questions) {
    for (const g of groupsOf(q)) {
      const a = acc.get(g) ?? {
        long: [],
        short: [],
        answered: 0,
        correct: 0,
        lastAt: null,
        misses: new Map<string, number>(),
      };
      acc.set(g, a);
      const s = states.get(q.id);
      if (!s) continue;
      const e = evidenceAt(s, now);
      a.long.push(e.long);
      a.short.push(e.short);
      a.answered += s.n;
      a.correct += s.correct;
      a.lastAt = Math.max(a.lastAt ?? 0, s.lastAt);
      const wrong = s.n - s.correct;
      if (wrong > 0) for (const sec of q.sections) a.misses.set(sec, (a.misses.get(sec) ?? 0) + wrong);
    }
  }
  const rows: MasteryRow[] = [...acc.entries()].map(([key, a]) => {
    const long = sumEvidence(a.long);
    const est = estimate(long);
    const sh = share(key);
    const weak = weakness(est, sh);
    return {
      key,
      answered: a.answered,
      correct: a.correct,
      evidence: long,
      est,
      trend: trend(long, sumEvidence(a.short)),
      lastAt: a.lastAt,
      share: sh,
      ...(weak ? { weak } : {}),
      missedSections: [...a.misses.entries()]
        .map(([section, misses]) => ({ section, misses }))
        .sort((x, y) => y.misses - x.misses || x.section.localeCompare(y.section))
        .slice(0, 3),
    };
  });
  return rankWeak(rows);
}

/**
 * The domains to drill, weakest first. As the exam date nears (`daysLeft` from 60 down to 0) the exam's heavily
 * weighted domains count for more: priority = (72% − mastery) + closeness × share.
 */
export function drillOrder(rows: readonly MasteryRow[], daysLeft?: number): MasteryRow[] {
  const closeness = daysLeft === undefined ? 0 : Math.min(1, Math.max(0, 1 - daysLeft / 60));
  const priority = (r: MasteryRow): number => 0.72 - r.est.mean + closeness * r.share;
  return rows.filter((r) => r.weak).sort((a, b) => priority(b) - priority(a) || b.share - a.share);
}

import type { CoreQuestion } from './types.js';

/** All-or-nothing, as on the real exams: the selection must be exactly the set of correct options. */
export function isCorrect(q: CoreQuestion, selection: readonly number[] | null): boolean {
  if (!selection) return false;
  const want = correctIndices(q);
  return want.length === selection.length && want.every((i) => selection.includes(i));
}

export function correctIndices(q: CoreQuestion): number[] {
  return q.options.flatMap((o, i) => (o.correct ? [i] : []));
}

export interface DomainRow {
  key: string;
  total: number;
  answered: number;
  correct: number;
}

export interface Missed {
  seq: number;
  questionId: string;
  answered: boolean;
  sections: readonly string[];
}

export interface Result {
  total: number;
  answered: number;
  correct: number;
  /** 0–100, one decimal */
  percent: number;
  byDomain: DomainRow[];
  /** present when the attempt belongs to one exam: rows per guide domain */
  byGuide?: DomainRow[];
  /** estimated scaled score (100–1000) and pass/fail, for full mock exams only */
  scaled?: number;
  passed?: boolean;
  missed: Missed[];
  /** note sections behind most misses, most first */
  reread: { section: string; misses: number }[];
}

/**
 * AWS does not publish how raw scores map to the 100–1000 scale. The estimate is the usual simulator convention:
 * proportional, 72% correct ≈ 720, floored at the scale's minimum of 100. Always shown as an estimate.
 */
export function estimateScaled(fraction: number): number {
  return Math.max(100, Math.round(1000 * Math.min(1, Math.max(0, fraction))));
}

export function scoreAttempt(
  questions: readonly CoreQuestion[],
  answers: readonly (readonly number[] | null)[],
  opts: { exam?: string; mock?: { passScaled: number } } = {},
): Result {
  const domains = new Map<string, DomainRow>();
  const guides = new Map<string, DomainRow>();
  const missed: Missed[] = [];
  const rereadCount = new Map<string, number>();
  let correct = 0;
  let answered = 0;
  const bump = (m: Map<string, DomainRow>, key: string, a: boolean, c: boolean): void => {
    const row = m.get(key) ?? { key, total: 0, answered: 0, correct: 0 };
    row.total++;
    if (a) row.answered++;
    if (c) row.correct++;
    m.set(key, row);
  };
  questions.forEach((q, seq) => {
    const sel = answers[seq] ?? null;
    const ok = isCorrect(q, sel);
    if (sel) answered++;
    if (ok) correct++;
    bump(domains, q.domain, sel !== null, ok);
    const gd = opts.exam ? q.exams[opts.exam] : undefined;
    if (gd !== undefined) bump(guides, String(gd), sel !== null, ok);
    if (!ok) {
      missed.push({ seq, questionId: q.id, answered: sel !== null, sections: q.sections });
      for (const s of q.sections) rereadCount.set(s, (rereadCount.get(s) ?? 0) + 1);
    }
  });
  const total = questions.length;
  const fraction = total ? correct / total : 0;
  const result: Result = {
    total,
    answered,
    correct,
    percent: Math.round(fraction * 1000) / 10,
    byDomain: [...domains.values()].sort((a, b) => a.key.localeCompare(b.key)),
    missed,
    reread: [...rereadCount.entries()]
      .map(([section, misses]) => ({ section, misses }))
      .sort((a, b) => b.misses - a.misses || a.section.localeCompare(b.section)),
  };
  if (opts.exam) result.byGuide = [...guides.values()].sort((a, b) => a.key.localeCompare(b.key));
  if (opts.mock) {
    result.scaled = estimateScaled(fraction);
    result.passed = result.scaled >= opts.mock.passScaled;
  }
  return result;
}

import { shuffle } from './rng.js';
import type { CoreQuestion, Rng } from './types.js';

/** What the history says about one question. */
export interface QuestionHistory {
  lastCorrect: boolean;
  lastAt: number;
  /** next FSRS review, epoch ms; undefined when never scheduled */
  due?: number;
}

export type ReviewKind = 'weak' | 'missed' | 'due';

/**
 * The questions of a review session, in order.
 * - weak: in the given domains (weakest first), questions answered wrong last time, then those due for review,
 *   then unseen ones — then, to fill the count, the rest of those domains, soonest due first;
 * - missed: every question whose last answer was wrong, most recent miss first;
 * - due: every question whose review is due, most overdue first.
 */
export function planReview(
  kind: ReviewKind,
  questions: readonly CoreQuestion[],
  history: ReadonlyMap<string, QuestionHistory>,
  opts: { domains?: readonly string[]; count: number; now: number; rng: Rng },
): CoreQuestion[] {
  const { now, rng, count } = opts;
  const due = (q: CoreQuestion): boolean => {
    const h = history.get(q.id);
    return h?.due !== undefined && h.due <= now;
  };
  if (kind === 'missed') {
    return questions
      .filter((q) => history.get(q.id)?.lastCorrect === false)
      .sort((a, b) => history.get(b.id)!.lastAt - history.get(a.id)!.lastAt)
      .slice(0, count);
  }
  if (kind === 'due') {
    return questions
      .filter(due)
      .sort((a, b) => history.get(a.id)!.due! - history.get(b.id)!.due!)
      .slice(0, count);
  }
  const domains = opts.domains ?? [];
  const rank = new Map(domains.map((d, i) => [d, i]));
  const pool = shuffle(
    questions.filter((q) => rank.has(q.domain)),
    rng,
  ).sort((a, b) => rank.get(a.domain)! - rank.get(b.domain)!);
  const wrong = pool.filter((q) => history.get(q.id)?.lastCorrect === false);
  const dueNow = pool.filter((q) => history.get(q.id)?.lastCorrect !== false && due(q));
  const unseen = interleave(
    pool.filter((q) => !history.has(q.id)),
    domains,
  );
  const chosen = new Set([...wrong, ...dueNow, ...unseen]);
  const rest = pool
    .filter((q) => !chosen.has(q))
    .sort((a, b) => (history.get(a.id)?.due ?? Infinity) - (history.get(b.id)?.due ?? Infinity));
  return [...wrong, ...dueNow, ...unseen, ...rest].slice(0, count);
}

/** Round-robin across domains in rank order, so a short session still touches every weak domain. */
function interleave(qs: CoreQuestion[], domains: readonly string[]): CoreQuestion[] {
  const queues = domains.map((d) => qs.filter((q) => q.domain === d));
  const out: CoreQuestion[] = [];
  for (let i = 0; queues.some((q) => i < q.length); i++) for (const q of queues) if (q[i]) out.push(q[i]!);
  return out;
}

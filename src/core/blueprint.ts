import { shuffle } from './rng.js';
import type { CoreQuestion, PlanItem, Rng } from './types.js';

export interface Plan {
  items: PlanItem[];
  /** questions asked for */
  requested: number;
  /** per guide domain (mock) or topic domain (topic quiz): how many were wanted and how many were drawn */
  allocation: Record<string, { wanted: number; drawn: number; available: number }>;
}

/**
 * Split `total` into integer parts proportional to `weights` (largest remainder), never giving a key more than
 * its `cap`; what a capped key cannot take is shared among the others in proportion.
 */
export function allocate(
  total: number,
  weights: Readonly<Record<string, number>>,
  cap: Readonly<Record<string, number>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(weights)) out[k] = 0;
  let remaining = Math.min(
    total,
    Object.keys(weights).reduce((s, k) => s + (cap[k] ?? 0), 0),
  );
  while (remaining > 0) {
    const open = Object.keys(weights).filter((k) => out[k]! < (cap[k] ?? 0) && weights[k]! > 0);
    if (!open.length) break;
    const wsum = open.reduce((s, k) => s + weights[k]!, 0);
    const shares = open.map((k) => ({ k, exact: (remaining * weights[k]!) / wsum }));
    let given = 0;
    for (const s of shares) {
      const room = (cap[s.k] ?? 0) - out[s.k]!;
      const n = Math.min(Math.floor(s.exact), room);
      out[s.k]! += n;
      given += n;
    }
    const left = remaining - given;
    // hand out what rounding left over, biggest fractional part first (ties: key order)
    const byFraction = shares
      .filter((s) => out[s.k]! < (cap[s.k] ?? 0))
      .sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)));
    let extra = 0;
    for (const s of byFraction) {
      if (extra >= left) break;
      out[s.k]! += 1;
      extra++;
    }
    remaining -= given + extra;
    if (given + extra === 0) break;
  }
  return out;
}

/**
 * Order candidates for drawing: never-seen questions first (in random order), then the least recently seen.
 * `lastSeen` maps question id → when it was last asked (any increasing number).
 */
function drawOrder(
  candidates: readonly CoreQuestion[],
  rng: Rng,
  lastSeen?: ReadonlyMap<string, number>,
): CoreQuestion[] {
  const shuffled = shuffle(candidates, rng);
  if (!lastSeen || lastSeen.size === 0) return shuffled;
  return shuffled
    .map((q, i) => ({ q, i, seen: lastSeen.get(q.id) ?? -Infinity }))
    .sort((a, b) => a.seen - b.seen || a.i - b.i)
    .map((x) => x.q);
}

function toItems(questions: readonly CoreQuestion[], rng: Rng): PlanItem[] {
  return questions.map((q) => ({
    questionId: q.id,
    optionOrder: shuffle(
      q.options.map((_, i) => i),
      rng,
    ),
  }));
}

/** A full mock: `count` questions of `exam` drawn in the guide-domain weights, then mixed. */
export function planMock(
  questions: readonly CoreQuestion[],
  exam: string,
  weights: Readonly<Record<string, number>>,
  count: number,
  rng: Rng,
  lastSeen?: ReadonlyMap<string, number>,
): Plan {
  const pools: Record<string, CoreQuestion[]> = {};
  for (const k of Object.keys(weights)) pools[k] = [];
  for (const q of questions) {
    const gd = q.exams[exam];
    if (gd !== undefined) pools[String(gd)]?.push(q);
  }
  const cap: Record<string, number> = {};
  for (const [k, pool] of Object.entries(pools)) cap[k] = pool.length;
  const ideal = allocate(count, weights, Object.fromEntries(Object.keys(weights).map((k) => [k, count])));
  const take = allocate(count, weights, cap);
  const drawn: CoreQuestion[] = [];
  const allocation: Plan['allocation'] = {};
  for (const k of Object.keys(weights)) {
    const picked = drawOrder(pools[k]!, rng, lastSeen).slice(0, take[k]);
    drawn.push(...picked);
    allocation[k] = { wanted: ideal[k]!, drawn: picked.length, available: cap[k]! };
  }
  return { items: toItems(shuffle(drawn, rng), rng), requested: count, allocation };
}

/** A topic quiz: `count` questions from the given topic domains (optionally only those tagged for `exam`). */
export function planTopic(
  questions: readonly CoreQuestion[],
  domains: readonly string[],
  count: number,
  rng: Rng,
  exam?: string,
  lastSeen?: ReadonlyMap<string, number>,
): Plan {
  const allocation: Plan['allocation'] = {};
  const pool = questions.filter(
    (q) => domains.includes(q.domain) && (exam === undefined || q.exams[exam] !== undefined),
  );
  const picked = drawOrder(pool, rng, lastSeen).slice(0, count);
  for (const d of domains) {
    allocation[d] = {
      wanted: 0,
      drawn: picked.filter((q) => q.domain === d).length,
      available: pool.filter((q) => q.domain === d).length,
    };
  }
  return { items: toItems(shuffle(picked, rng), rng), requested: count, allocation };
}

/** Default time for a topic quiz: about 1.5 minutes a question, as on the real exams (130 min / 65 + margin). */
export function defaultMinutes(count: number): number {
  return Math.max(1, Math.ceil(count * 1.5));
}

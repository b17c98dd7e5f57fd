import { describe, expect, it } from 'vitest';
import { drillOrder, masteryRows } from '../../src/core/domain-mastery.js';
import {
  addAnswer,
  DAY_MS,
  decayFactor,
  estimate,
  evidenceAt,
  HALF_LIFE_MS,
  normalCdf,
  readiness,
  trend,
  weakness,
} from '../../src/core/mastery.js';
import { isDue, reviewCard } from '../../src/core/scheduler.js';
import { planReview } from '../../src/core/review-plan.js';
import { seededRng } from '../../src/core/rng.js';
import { q } from './helpers.js';

const NOW = Date.UTC(2026, 10, 23);

describe('estimate', () => {
  it('is the Beta posterior mean with 90% Wilson bounds (hand-computed)', () => {
    // 3 of 3: mean (3+1)/(3+2) = 0.8; Wilson with z = 1.6449, n = 3, p = 1: centre 0.7629, half 0.2371 → [0.5258, 1]
    const e = estimate({ n: 3, c: 3 });
    expect(e.mean).toBeCloseTo(0.8, 10);
    expect(e.low).toBeCloseTo(0.5258, 3);
    expect(e.high).toBe(1);
    // 8 of 10: mean 9/12 = 0.75; Wilson centre 0.7361, half 0.1953 → [0.5408, 0.9314]
    const f = estimate({ n: 10, c: 8 });
    expect(f.mean).toBeCloseTo(0.75, 10);
    expect(f.low).toBeCloseTo(0.5408, 3);
    expect(f.high).toBeCloseTo(0.9314, 3);
    expect(estimate({ n: 0, c: 0 })).toEqual({ mean: 0.5, low: 0, high: 1, n: 0 });
  });
});

describe('recency weighting', () => {
  it('halves an answer every 30 days', () => {
    expect(decayFactor(0, HALF_LIFE_MS, HALF_LIFE_MS)).toBeCloseTo(0.5, 12);
    const s = addAnswer(undefined, true, NOW - 60 * DAY_MS);
    expect(evidenceAt(s, NOW).long).toEqual({ n: expect.closeTo(0.25, 10), c: expect.closeTo(0.25, 10) });
  });

  it('lets recent answers outweigh old ones, and takes a changed answer back exactly', () => {
    let s = addAnswer(undefined, true, NOW - 90 * DAY_MS);
    s = addAnswer(s, true, NOW - 90 * DAY_MS);
    s = addAnswer(s, false, NOW - DAY_MS);
    const { long } = evidenceAt(s, NOW);
    // two old rights at weight 1/8 each, one fresh wrong at ~0.977
    expect(long.c / long.n).toBeCloseTo(0.25 / (0.25 + 0.9772), 3);
    const changed = addAnswer(addAnswer(s, false, NOW - DAY_MS, -1), true, NOW - DAY_MS);
    const again = evidenceAt(changed, NOW).long;
    expect(again.c).toBeCloseTo(again.n, 10);
  });

  it('shows the trend from the short half-life against the long one', () => {
    expect(trend({ n: 20, c: 10 }, { n: 5, c: 5 })).toBe('↑');
    expect(trend({ n: 20, c: 18 }, { n: 5, c: 1 })).toBe('↓');
    expect(trend({ n: 20, c: 10 }, { n: 1, c: 1 })).toBe('→');
  });
});

describe('weakness', () => {
  it('is below 72% with enough evidence, or too little evidence in a heavy domain', () => {
    expect(weakness(estimate({ n: 10, c: 5 }), 0.01)).toBe('below-pass');
    expect(weakness(estimate({ n: 10, c: 9 }), 0.5)).toBeUndefined();
    expect(weakness(estimate({ n: 1, c: 1 }), 0.2)).toBe('too-little-evidence');
    expect(weakness(estimate({ n: 1, c: 0 }), 0.05)).toBeUndefined();
  });

  it('ranks domains and drills heavy ones more as the exam nears', () => {
    const questions = [
      q('s1', 'storage', { saa: 1 }),
      q('s2', 'storage', { saa: 1 }),
      q('m1', 'ml', { saa: 3 }),
    ];
    let st = addAnswer(undefined, false, NOW);
    st = addAnswer(st, true, NOW);
    const states = new Map([
      ['s1', { questionId: 's1', n: 2, correct: 1, lastAt: NOW, lastCorrect: true, ...st }],
      ['s2', { questionId: 's2', n: 2, correct: 1, lastAt: NOW, lastCorrect: true, ...st }],
      [
        'm1',
        {
          questionId: 'm1',
          n: 2,
          correct: 0,
          lastAt: NOW,
          lastCorrect: false,
          ...addAnswer(addAnswer(undefined, false, NOW), false, NOW),
        },
      ],
    ]);
    const rows = masteryRows(
      questions,
      states,
      NOW,
      (x) => [x.domain],
      (d) => (d === 'storage' ? 0.5 : 0.02),
    );
    expect(rows.map((r) => [r.key, r.answered, r.correct, r.weak])).toEqual([
      ['ml', 2, 0, undefined],
      ['storage', 4, 2, 'below-pass'],
    ]);
    expect(rows[1]!.missedSections).toEqual([
      { section: 'notes#s1', misses: 1 },
      { section: 'notes#s2', misses: 1 },
    ]);
    const withMl = rows.map((r) => (r.key === 'ml' ? { ...r, weak: 'below-pass' as const } : r));
    expect(drillOrder(withMl).map((r) => r.key)).toEqual(['ml', 'storage']);
    expect(drillOrder(withMl, 0).map((r) => r.key)).toEqual(['storage', 'ml']);
  });
});

describe('readiness', () => {
  const exam = (p: number, n: number) =>
    [30, 26, 24, 20].map((weight) => ({ weight, evidence: { n, c: p * n } }));

  it('calls a learner right 90% of the time likely to pass, 50% unlikely', () => {
    expect(readiness(exam(0.9, 100)).probability).toBeGreaterThan(0.99);
    expect(readiness(exam(0.5, 100)).probability).toBeLessThan(0.01);
    const edge = readiness(exam(0.72, 1000));
    expect(edge.probability).toBeGreaterThan(0.4);
    expect(edge.probability).toBeLessThan(0.6);
  });

  it('is uncertain with little evidence', () => {
    const thin = readiness(exam(1, 1));
    expect(thin.sd).toBeGreaterThan(readiness(exam(1, 100)).sd);
    expect(thin.answers).toBe(4);
  });

  it('uses an accurate normal CDF', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.6448536)).toBeCloseTo(0.95, 6);
    expect(normalCdf(-1.959964)).toBeCloseTo(0.025, 6);
  });
});

describe('FSRS scheduling', () => {
  it('pushes a right answer further out than a wrong one', () => {
    const right = reviewCard(undefined, true, NOW);
    const wrong = reviewCard(undefined, false, NOW);
    expect(right.due).toBeGreaterThan(wrong.due);
    const later = reviewCard(right, true, right.due);
    expect(later.due - right.due).toBeGreaterThan(right.due - NOW);
    expect(isDue(right, right.due)).toBe(true);
    expect(isDue(right, right.due - 1)).toBe(false);
  });

  it('brings every seen question back before the exam date', () => {
    let card = reviewCard(undefined, true, NOW);
    for (let i = 0; i < 6; i++) card = reviewCard(card, true, card.due);
    const examDate = card.due + 10 * DAY_MS;
    const capped = reviewCard(card, true, card.due, examDate);
    expect(capped.due).toBeLessThanOrEqual(examDate - DAY_MS);
    expect(reviewCard(card, true, card.due).due).toBeGreaterThan(examDate);
  });
});

describe('planReview', () => {
  const qs = ['a', 'b', 'c', 'd', 'e'].map((id) => q(id, id === 'e' ? 'ml' : 'storage', { saa: 1 }));
  const history = new Map([
    ['a', { lastCorrect: true, lastAt: 1, due: NOW - 1 }],
    ['b', { lastCorrect: false, lastAt: 2 }],
    ['c', { lastCorrect: true, lastAt: 3, due: NOW + DAY_MS }],
    ['e', { lastCorrect: false, lastAt: 4 }],
  ]);

  it('drills missed, then due, then unseen, then the rest of the weak domains', () => {
    const out = planReview('weak', qs, history, {
      domains: ['storage'],
      count: 10,
      now: NOW,
      rng: seededRng(1),
    });
    expect(out.map((x) => x.id)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('lists missed questions most recent first, and due ones most overdue first', () => {
    expect(
      planReview('missed', qs, history, { count: 10, now: NOW, rng: seededRng(1) }).map((x) => x.id),
    ).toEqual(['e', 'b']);
    expect(
      planReview('due', qs, history, { count: 10, now: NOW, rng: seededRng(1) }).map((x) => x.id),
    ).toEqual(['a']);
  });
});

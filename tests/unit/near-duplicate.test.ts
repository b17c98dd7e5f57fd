import { describe, expect, it } from 'vitest';
import { NEAR_DUPLICATE, nearDuplicatePairs } from '../../src/bank/validate.js';
import { seededRng } from '../../src/core/rng.js';

function jaccard(a: Set<string>, b: Set<string>): number {
  const inter = [...a].filter((w) => b.has(w)).length;
  return inter / (a.size + b.size - inter || 1);
}

describe('nearDuplicatePairs', () => {
  it('finds exactly the pairs an all-pairs comparison finds', () => {
    const rng = seededRng(2026);
    const vocabulary = Array.from({ length: 300 }, (_, i) => `w${i}`);
    const pick = () => vocabulary[Math.floor(rng() ** 2 * vocabulary.length)]!; // skewed, like real words
    const sets: Set<string>[] = [];
    for (let i = 0; i < 400; i++) {
      if (i > 0 && rng() < 0.3) {
        // a near copy of an earlier stem: drop or add a word or two
        const base = [...sets[Math.floor(rng() * sets.length)]!];
        const copy = new Set(base.filter(() => rng() > 0.05));
        if (rng() < 0.5) copy.add(pick());
        sets.push(copy);
      } else {
        const set = new Set<string>();
        const n = 8 + Math.floor(rng() * 40);
        while (set.size < n) set.add(pick());
        sets.push(set);
      }
    }
    const brute: [number, number][] = [];
    for (let i = 0; i < sets.length; i++)
      for (let j = 0; j < i; j++) if (jaccard(sets[i]!, sets[j]!) >= NEAR_DUPLICATE) brute.push([i, j]);
    const fast = nearDuplicatePairs(sets).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(brute.length).toBeGreaterThan(50);
    expect(fast).toEqual(brute);
  });
});

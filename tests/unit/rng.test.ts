import { describe, expect, it } from 'vitest';
import { seedFrom, seededRng, shuffle } from '../../src/core/rng.js';

describe('seeded RNG', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = seededRng(42);
    const b = seededRng(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('differs between seeds', () => {
    expect(seededRng(1)()).not.toEqual(seededRng(2)());
  });

  it('turns numeric seeds into themselves and text into a stable number', () => {
    expect(seedFrom('42')).toBe(42);
    expect(seedFrom('monday')).toBe(seedFrom('monday'));
    expect(seedFrom('monday')).not.toBe(seedFrom('tuesday'));
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = shuffle(input, seededRng(7));
    expect([...out].sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(shuffle(input, seededRng(7))).toEqual(out);
  });
});

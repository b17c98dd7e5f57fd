import { describe, expect, it } from 'vitest';
import { estimateScaled, isCorrect, scoreAttempt } from '../../src/core/scoring.js';
import { q } from './helpers.js';

describe('isCorrect', () => {
  it('is all-or-nothing for multiple response', () => {
    const multi = q('m', 'storage', { saa: 1 }, [1, 3]);
    expect(isCorrect(multi, [1, 3])).toBe(true);
    expect(isCorrect(multi, [3, 1])).toBe(true);
    expect(isCorrect(multi, [1])).toBe(false);
    expect(isCorrect(multi, [1, 2, 3])).toBe(false);
    expect(isCorrect(multi, null)).toBe(false);
  });
});

describe('estimateScaled', () => {
  it('maps the share correct proportionally onto 100–1000', () => {
    expect(estimateScaled(0.72)).toBe(720);
    expect(estimateScaled(1)).toBe(1000);
    expect(estimateScaled(0)).toBe(100);
    expect(estimateScaled(0.05)).toBe(100);
  });
});

describe('scoreAttempt', () => {
  const qs = [
    q('a', 'storage', { saa: 1 }, [0], 4, ['n#s3']),
    q('b', 'storage', { saa: 2 }, [1], 4, ['n#s3', 'n#ebs']),
    q('c', 'compute', { saa: 2 }, [2], 4, ['n#ec2']),
    q('d', 'compute', { saa: 3 }, [0, 1], 5, ['n#s3']),
  ];

  it('counts unanswered as wrong and breaks down by topic and guide domain', () => {
    const r = scoreAttempt(qs, [[0], [2], null, [0, 1]], { exam: 'saa' });
    expect(r).toMatchObject({ total: 4, answered: 3, correct: 2, percent: 50 });
    expect(r.byDomain).toEqual([
      { key: 'compute', total: 2, answered: 1, correct: 1 },
      { key: 'storage', total: 2, answered: 2, correct: 1 },
    ]);
    expect(r.byGuide).toEqual([
      { key: '1', total: 1, answered: 1, correct: 1 },
      { key: '2', total: 2, answered: 1, correct: 0 },
      { key: '3', total: 1, answered: 1, correct: 1 },
    ]);
    expect(r.missed.map((m) => [m.questionId, m.answered])).toEqual([
      ['b', true],
      ['c', false],
    ]);
    expect(r.scaled).toBeUndefined();
  });

  it('ranks the sections behind most misses first', () => {
    const r = scoreAttempt(qs, [[1], [0], [0], [0]]);
    expect(r.reread).toEqual([
      { section: 'n#s3', misses: 3 },
      { section: 'n#ebs', misses: 1 },
      { section: 'n#ec2', misses: 1 },
    ]);
  });

  it('gives a mock an estimated scaled score and a verdict', () => {
    const pass = scoreAttempt(qs, [[0], [1], [2], [0, 1]], { exam: 'saa', mock: { passScaled: 720 } });
    expect(pass).toMatchObject({ scaled: 1000, passed: true });
    const threeOfFour = scoreAttempt(qs, [[0], [1], [2], [0]], { exam: 'saa', mock: { passScaled: 720 } });
    expect(threeOfFour).toMatchObject({ scaled: 750, passed: true });
    const low = scoreAttempt(qs, [[0], [0], [0], [0]], { exam: 'saa', mock: { passScaled: 720 } });
    expect(low).toMatchObject({ scaled: 250, passed: false });
  });
});

import { describe, expect, it } from 'vitest';
import type { Question, Taxonomy } from '../../src/bank/schema.js';
import { examCounts } from '../../src/bank/validate.js';

const taxonomy = {
  domains: {},
  exams: {
    saa: {
      title: 'SAA-C03',
      questions: 65,
      minutes: 130,
      pass_scaled: 720,
      guide_domains: {
        '1': { title: 'Secure', weight: 30 },
        '2': { title: 'Resilient', weight: 26 },
        '3': { title: 'High-performing', weight: 24 },
        '4': { title: 'Cost', weight: 20 },
      },
    },
  },
} as unknown as Taxonomy;

function question(id: string, gd: number, type: 'single' | 'multi' = 'single'): Question {
  return {
    id,
    domain: gd % 2 ? 'storage' : 'compute',
    exams: { saa: gd },
    type,
    difficulty: 3,
    stem: 'x',
    options: [
      { text: 'a much longer correct option', correct: true, why: 'y' },
      { text: 'short', why: 'y' },
      { text: 'short', why: 'y' },
      { text: 'short', why: 'y' },
    ],
    cite: [{ note: 'n', section: 's', quote: 'q' }],
    verified: '2026-11',
  } as Question;
}

describe('examCounts', () => {
  it('counts full mocks without a repeat from the scarcest guide domain', () => {
    // per mock 19/17/16/13: 40/40/40/40 gives min(2, 2, 2, 3) = 2
    const qs = [1, 2, 3, 4].flatMap((gd) =>
      Array.from({ length: 40 }, (_, i) => question(`q${gd}-${i}`, gd)),
    );
    const saa = examCounts(qs, taxonomy).saa!;
    expect(saa.guideDomains).toEqual({
      '1': { questions: 40, perMock: 19 },
      '2': { questions: 40, perMock: 17 },
      '3': { questions: 40, perMock: 16 },
      '4': { questions: 40, perMock: 13 },
    });
    expect(saa.fullMocksWithoutRepeats).toBe(2);
    expect(saa.domains).toEqual({ storage: 80, compute: 80 });
    expect(saa.correctIsLongestShare).toBe(1);
    const more = [...qs, ...Array.from({ length: 80 }, (_, i) => question(`extra-${i}`, 1, 'multi'))];
    expect(examCounts(more, taxonomy).saa!.fullMocksWithoutRepeats).toBe(2); // 2 still caps it
    expect(examCounts(more, taxonomy).saa!.multiShare).toBe(0.333);
  });
});

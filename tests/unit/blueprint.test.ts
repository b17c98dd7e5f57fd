import { describe, expect, it } from 'vitest';
import { allocate, defaultMinutes, planMock, planTopic } from '../../src/core/blueprint.js';
import { seededRng } from '../../src/core/rng.js';
import { q } from './helpers.js';

const SAA = { '1': 30, '2': 26, '3': 24, '4': 20 };

function bank(perDomain: Record<string, number>, exam = 'saa') {
  return Object.entries(perDomain).flatMap(([gd, n]) =>
    Array.from({ length: n }, (_, i) =>
      q(`${exam}-${gd}-${i}`, i % 2 ? 'storage' : 'compute', { [exam]: Number(gd) }),
    ),
  );
}

describe('allocate', () => {
  it('splits 65 questions by the SAA weights with largest remainders', () => {
    // exact shares 19.5 / 16.9 / 15.6 / 13.0 → floors 19/16/15/13, two left go to .9 and .6
    expect(allocate(65, SAA, { '1': 99, '2': 99, '3': 99, '4': 99 })).toEqual({
      '1': 19,
      '2': 17,
      '3': 16,
      '4': 13,
    });
  });

  it('gives what a small domain cannot take to the others', () => {
    const out = allocate(65, SAA, { '1': 5, '2': 99, '3': 99, '4': 99 });
    expect(out['1']).toBe(5);
    expect(Object.values(out).reduce((a, b) => a + b, 0)).toBe(65);
  });

  it('never exceeds what exists', () => {
    expect(allocate(65, SAA, { '1': 3, '2': 2, '3': 1, '4': 0 })).toEqual({ '1': 3, '2': 2, '3': 1, '4': 0 });
  });
});

describe('planMock', () => {
  const questions = bank({ '1': 40, '2': 40, '3': 40, '4': 40 });

  it('gives six mocks in a row without a repeat when each guide domain holds six mocks of questions', () => {
    // a full SAA mock draws 19/17/16/13 from the guide domains: six need 114/102/96/78
    const exact = bank({ '1': 114, '2': 102, '3': 96, '4': 78 });
    const lastSeen = new Map<string, number>();
    const asked = new Set<string>();
    for (let mock = 1; mock <= 6; mock++) {
      const plan = planMock(exact, 'saa', SAA, 65, seededRng(mock), lastSeen);
      expect(plan.items).toHaveLength(65);
      for (const it of plan.items) {
        expect(asked.has(it.questionId)).toBe(false);
        asked.add(it.questionId);
        lastSeen.set(it.questionId, mock);
      }
    }
    expect(asked.size).toBe(exact.length);
    // a seventh has nothing new left and repeats the ones seen longest ago
    const seventh = planMock(exact, 'saa', SAA, 65, seededRng(7), lastSeen);
    expect(seventh.items.every((it) => lastSeen.get(it.questionId) === 1)).toBe(true);
  });

  it('draws 65 distinct questions in the guide weights', () => {
    const plan = planMock(questions, 'saa', SAA, 65, seededRng(1));
    expect(plan.items).toHaveLength(65);
    expect(new Set(plan.items.map((i) => i.questionId)).size).toBe(65);
    const per = (gd: string) => plan.items.filter((i) => i.questionId.startsWith(`saa-${gd}-`)).length;
    expect([per('1'), per('2'), per('3'), per('4')]).toEqual([19, 17, 16, 13]);
  });

  it('is reproducible with a seed and shuffles option order', () => {
    const a = planMock(questions, 'saa', SAA, 65, seededRng(9));
    const b = planMock(questions, 'saa', SAA, 65, seededRng(9));
    const c = planMock(questions, 'saa', SAA, 65, seededRng(10));
    expect(b).toEqual(a);
    expect(c.items.map((i) => i.questionId)).not.toEqual(a.items.map((i) => i.questionId));
    expect(a.items.every((i) => [...i.optionOrder].sort().join() === '0,1,2,3')).toBe(true);
    expect(a.items.some((i) => i.optionOrder.join() !== '0,1,2,3')).toBe(true);
  });

  it('takes what there is when the bank is too small and reports the shortfall', () => {
    const small = bank({ '1': 4, '2': 30, '3': 30, '4': 30 });
    const plan = planMock(small, 'saa', SAA, 65, seededRng(3));
    expect(plan.items).toHaveLength(65);
    expect(plan.allocation['1']).toEqual({ wanted: 19, drawn: 4, available: 4 });
  });

  it('ignores questions of the other exam', () => {
    const mixed = [...bank({ '1': 2 }, 'dva'), ...bank({ '1': 3 })];
    const plan = planMock(mixed, 'saa', SAA, 65, seededRng(3));
    expect(plan.items.map((i) => i.questionId).every((id) => id.startsWith('saa-'))).toBe(true);
  });

  it('puts never-seen questions first, then the least recently seen', () => {
    const qs = bank({ '1': 3, '2': 0, '3': 0, '4': 0 });
    const seen = new Map([
      ['saa-1-0', 5],
      ['saa-1-1', 1],
    ]);
    const plan = planMock(qs, 'saa', SAA, 2, seededRng(4), seen);
    expect(plan.items.map((i) => i.questionId).sort()).toEqual(['saa-1-1', 'saa-1-2']);
  });
});

describe('planTopic', () => {
  const questions = bank({ '1': 10, '2': 10 });

  it('draws only the asked domains, optionally only one exam', () => {
    const plan = planTopic(questions, ['storage'], 20, seededRng(2));
    expect(plan.items).toHaveLength(10);
    const dva = planTopic(
      [...questions, q('d1', 'storage', { dva: 1 })],
      ['storage'],
      20,
      seededRng(2),
      'dva',
    );
    expect(dva.items.map((i) => i.questionId)).toEqual(['d1']);
  });

  it('defaults to about 1.5 minutes a question', () => {
    expect(defaultMinutes(20)).toBe(30);
    expect(defaultMinutes(3)).toBe(5);
  });
});

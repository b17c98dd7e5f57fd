import type { CoreQuestion } from '../../src/core/types.js';

/** A question for core tests: `correct` lists the correct option indices. */
export function q(
  id: string,
  domain: string,
  exams: Record<string, number>,
  correct: number[] = [0],
  options = correct.length > 1 ? 5 : 4,
  sections: string[] = [`notes#${id}`],
): CoreQuestion {
  return {
    id,
    domain,
    exams,
    type: correct.length > 1 ? 'multi' : 'single',
    options: Array.from({ length: options }, (_, i) => ({ correct: correct.includes(i) })),
    sections,
  };
}

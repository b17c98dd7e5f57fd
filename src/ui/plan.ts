import type { CompiledQuestion } from '../bank/compiled.js';
import type { ExamSetup } from '../commands/exam.js';

/** `exam --plan`: the selection without starting it, as JSON for scripts or as a short list. */
export function planOutput(setup: ExamSetup, byId: Map<string, CompiledQuestion>, json: boolean): string {
  const items = setup.plan.items.map((it, i) => {
    const q = byId.get(it.questionId)!;
    return {
      seq: i + 1,
      id: q.id,
      domain: q.domain,
      exams: q.exams,
      type: q.type,
      optionOrder: it.optionOrder,
    };
  });
  if (json) {
    return `${JSON.stringify(
      {
        mode: setup.mode,
        exam: setup.exam,
        domains: setup.domains,
        seed: setup.seed,
        requested: setup.count,
        count: items.length,
        minutes: setup.minutes,
        allocation: setup.plan.allocation,
        notices: setup.notices,
        questions: items,
      },
      null,
      2,
    )}\n`;
  }
  const lines = [
    `${setup.mode === 'mock' ? `${setup.exam} mock` : `${setup.domains.join(', ')} quiz`}: ${items.length} questions, ${setup.minutes} minutes, seed ${setup.seed}`,
    ...setup.notices,
    ...items.map(
      (it) => `${String(it.seq).padStart(3)}. ${it.id}  [${it.domain}] options ${it.optionOrder.join(',')}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

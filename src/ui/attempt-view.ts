import type { CompiledBank, CompiledQuestion } from '../bank/compiled.js';
import { scoreAttempt, type Result } from '../core/scoring.js';
import { UsageError } from '../errors.js';
import type { AttemptItem, AttemptRow, AttemptStore } from '../store/attempts.js';

/** Everything about one stored attempt that a walkthrough or a report shows. */
export interface AttemptView {
  attempt: AttemptRow;
  /** the attempt's questions still in the bank, in the order asked */
  items: AttemptItem[];
  questions: CompiledQuestion[];
  answers: (number[] | null)[];
  flags: boolean[];
  result: Result;
  mock: boolean;
  /** questions of the attempt no longer in the bank */
  missing: string[];
}

export function scoreFor(
  bank: CompiledBank,
  attempt: AttemptRow,
  questions: CompiledQuestion[],
  answers: readonly (readonly number[] | null)[],
) {
  const examDef = attempt.exam ? bank.taxonomy.exams[attempt.exam] : undefined;
  const mock = attempt.mode === 'mock' && examDef !== undefined;
  const result = scoreAttempt(questions, answers, {
    ...(attempt.exam ? { exam: attempt.exam } : {}),
    ...(mock ? { mock: { passScaled: examDef.pass_scaled } } : {}),
  });
  return { result, mock };
}

/** The attempt with this id, or the latest finished one. */
export function loadAttemptView(bank: CompiledBank, store: AttemptStore, id?: number): AttemptView {
  const attempt = id === undefined ? store.list(50).find((a) => a.state !== 'active') : store.get(id);
  if (!attempt)
    throw new UsageError(
      id === undefined
        ? 'no finished attempt yet; take one with `awsquiz exam --domain storage`'
        : `no attempt #${id}; \`awsquiz history\` lists them`,
    );
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const all = store.items(attempt.id);
  const items = all.filter((it) => byId.has(it.questionId));
  const saved = new Map(store.answers(attempt.id).map((a) => [a.seq, a.selection]));
  const flagged = new Set(store.flags(attempt.id));
  const questions = items.map((it) => byId.get(it.questionId)!);
  const answers = items.map((it) => saved.get(it.seq) ?? null);
  const { result, mock } = scoreFor(bank, attempt, questions, answers);
  return {
    attempt,
    items,
    questions,
    answers,
    flags: items.map((it) => flagged.has(it.seq)),
    result,
    mock,
    missing: all.filter((it) => !byId.has(it.questionId)).map((it) => it.questionId),
  };
}

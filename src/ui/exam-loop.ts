import { performance } from 'node:perf_hooks';
import { AbortPromptError, ExitPromptError } from '@inquirer/core';
import type { CompiledBank, CompiledQuestion } from '../bank/compiled.js';
import { isCorrect, scoreAttempt } from '../core/scoring.js';
import { nextUnanswered, reduce, remainingMs, startSession, type SessionState } from '../core/session.js';
import { InterruptedError } from '../errors.js';
import type { AttemptRow, AttemptStore } from '../store/attempts.js';
import { c } from './color.js';
import { continuePrompt, questionPrompt } from './question-prompt.js';
import { renderFeedback, renderResult } from './render.js';

/** How often exam time is written down while a question is open, so a killed process loses at most this much. */
const PROGRESS_EVERY_MS = 5_000;

export function attemptTitle(
  bank: CompiledBank | undefined,
  a: Pick<AttemptRow, 'mode' | 'exam' | 'domains' | 'practice'>,
): string {
  const exam = a.exam
    ? (bank?.taxonomy.exams[a.exam]?.title.match(/\(([^)]+)\)/)?.[1] ?? a.exam.toUpperCase())
    : '';
  const what =
    a.mode === 'mock' ? `${exam} mock exam` : `${a.domains.join(', ')} quiz${exam ? ` (${exam})` : ''}`;
  return a.practice ? `${what}, practice` : what;
}

/**
 * Ask the attempt's remaining questions, saving each answer as it is given, then score and show the result.
 * Exam time runs only while a question is on screen: time away (closed, or reading practice feedback) is not counted.
 */
export async function runAttempt(bank: CompiledBank, store: AttemptStore, attemptId: number): Promise<void> {
  const attempt = store.get(attemptId)!;
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const allItems = store.items(attemptId);
  const items = allItems.filter((it) => byId.has(it.questionId));
  if (items.length < allItems.length) {
    process.stdout.write(
      c.yellow(
        `${allItems.length - items.length} question(s) of this attempt are no longer in the bank and are left out.\n`,
      ),
    );
  }
  const questions = items.map((it) => byId.get(it.questionId)!);
  const saved = new Map(store.answers(attemptId).map((a) => [a.seq, a.selection]));
  const flagged = new Set(store.flags(attemptId));
  let state: SessionState = startSession(
    items.map((it) => ({ questionId: it.questionId, optionOrder: it.optionOrder })),
    attempt.timeLimitMs,
    {
      answers: items.map((it) => saved.get(it.seq) ?? null),
      flags: items.map((it) => flagged.has(it.seq)),
      elapsedMs: attempt.elapsedMs,
      position: Math.max(
        0,
        items.findIndex((it) => it.seq >= attempt.position),
      ),
    },
  );
  const title = attemptTitle(bank, attempt);
  const answeredBefore = saved.size;
  if (answeredBefore > 0)
    process.stdout.write(c.dim(`Resuming: ${answeredBefore} of ${items.length} already answered.\n`));

  while (state.status === 'running') {
    const i = nextUnanswered(state, state.position);
    if (i === null) {
      state = reduce(state, { type: 'submit' });
      break;
    }
    const item = items[i]!;
    const q = questions[i]!;
    const correctCount = q.options.filter((o) => o.correct).length;
    const left = remainingMs(state);
    const base = state.elapsedMs;
    const t0 = performance.now();
    const elapsedNow = (): number => base + (performance.now() - t0);
    const controller = new AbortController();
    const timeout = left === null ? undefined : setTimeout(() => controller.abort(), left);
    const saver = setInterval(() => store.saveProgress(attemptId, elapsedNow(), item.seq), PROGRESS_EVERY_MS);
    let shown: number[];
    try {
      shown = await questionPrompt(
        {
          header: `${title} · Question ${i + 1} of ${items.length} · ${q.domain}`,
          stem: q.stem,
          options: item.optionOrder.map((o) => q.options[o]!.text),
          choose: q.type === 'multi' ? correctCount : 1,
          remainingMs: left,
          now: () => performance.now(),
        },
        { signal: controller.signal },
      );
    } catch (e) {
      if (e instanceof AbortPromptError) {
        process.stdout.write(
          `\n${c.yellow.bold('⏱ Time is up — the exam ends now; unanswered questions count as wrong.')}\n`,
        );
        state = reduce(state, { type: 'tick', elapsedMs: elapsedNow() + (state.timeLimitMs ?? 0) });
        break;
      }
      if (e instanceof ExitPromptError) {
        store.saveProgress(attemptId, elapsedNow(), item.seq);
        throw new InterruptedError('Saved — continue with `awsquiz resume`.');
      }
      throw e;
    } finally {
      clearTimeout(timeout);
      clearInterval(saver);
    }
    const selection = shown.map((d) => item.optionOrder[d]!);
    const spent = performance.now() - t0;
    state = reduce(state, { type: 'answer', seq: i, selection, elapsedMs: elapsedNow() });
    if (state.status !== 'running') break;
    const ok = isCorrect(q, selection);
    const nextPos = i + 1 < items.length ? items[i + 1]!.seq : item.seq;
    store.saveAnswer(
      attemptId,
      {
        seq: item.seq,
        questionId: q.id,
        selection,
        correct: ok,
        answeredAt: Date.now(),
        secondsSpent: spent / 1000,
      },
      { elapsedMs: state.elapsedMs, position: nextPos },
    );
    if (attempt.practice) {
      process.stdout.write(`${renderFeedback(bank, q, item.optionOrder, selection, ok)}\n`);
      try {
        await continuePrompt({ message: 'Press Enter for the next question · Ctrl-C save & quit' });
      } catch (e) {
        if (e instanceof ExitPromptError)
          throw new InterruptedError('Saved — continue with `awsquiz resume`.');
        throw e;
      }
    }
    state = reduce(state, { type: 'move', to: Math.min(i + 1, items.length - 1) });
  }

  finishAttempt(bank, store, attempt, questions, items, state);
}

export function finishAttempt(
  bank: CompiledBank,
  store: AttemptStore,
  attempt: AttemptRow,
  questions: CompiledQuestion[],
  items: { optionOrder: readonly number[] }[],
  state: SessionState,
): void {
  const examDef = attempt.exam ? bank.taxonomy.exams[attempt.exam] : undefined;
  const mock = attempt.mode === 'mock' && examDef !== undefined;
  const result = scoreAttempt(questions, state.answers, {
    ...(attempt.exam ? { exam: attempt.exam } : {}),
    ...(mock ? { mock: { passScaled: examDef.pass_scaled } } : {}),
  });
  const timedOut = state.status === 'timed-out';
  store.finish(attempt.id, {
    state: timedOut ? 'timed-out' : 'submitted',
    finishedAt: Date.now(),
    correct: result.correct,
    scaled: result.scaled ?? null,
    elapsedMs: state.elapsedMs,
  });
  process.stdout.write(
    `${renderResult(result, {
      bank,
      title: attemptTitle(bank, attempt),
      questions,
      items,
      answers: state.answers,
      exam: attempt.exam,
      mock,
      elapsedMs: state.elapsedMs,
      timeLimitMs: attempt.timeLimitMs,
      timedOut,
      attemptId: attempt.id,
    })}\n`,
  );
}

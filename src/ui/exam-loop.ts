import { performance } from 'node:perf_hooks';
import { AbortPromptError, ExitPromptError } from '@inquirer/core';
import type { CompiledBank, CompiledQuestion } from '../bank/compiled.js';
import { isCorrect } from '../core/scoring.js';
import { scoreFor } from './attempt-view.js';
import { nextUnanswered, reduce, remainingMs, startSession, type SessionState } from '../core/session.js';
import { InterruptedError } from '../errors.js';
import type { AttemptRow, AttemptStore } from '../store/attempts.js';
import { c } from './color.js';
import { continuePrompt, questionPrompt } from './question-prompt.js';
import { reviewPrompt } from './review-prompt.js';
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
  const suffix = exam ? ` (${exam})` : '';
  if (a.mode === 'review') {
    const kind =
      a.domains[0] === 'missed' || a.domains[0] === 'due' ? a.domains[0] : `weak: ${a.domains.join(', ')}`;
    return `review ${kind}${suffix}`;
  }
  const what = a.mode === 'mock' ? `${exam} mock exam` : `${a.domains.join(', ')} quiz${suffix}`;
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

  const interrupted = (): InterruptedError => new InterruptedError('Saved — continue with `awsquiz resume`.');

  /** Show one timed screen: exam time runs while it is open, is written down every few seconds, and ends it at zero. */
  async function timed<T>(
    position: number,
    show: (remaining: number | null, signal: AbortSignal) => Promise<T>,
  ): Promise<T | 'time-up'> {
    const left = remainingMs(state);
    const base = state.elapsedMs;
    const t0 = performance.now();
    const elapsedNow = (): number => base + (performance.now() - t0);
    const controller = new AbortController();
    const timeout = left === null ? undefined : setTimeout(() => controller.abort(), left);
    const saver = setInterval(() => {
      try {
        store.saveProgress(attemptId, elapsedNow(), items[position]!.seq);
      } catch {
        // the clock is saved again in a few seconds and with every answer; an answer that cannot be saved ends the exam
      }
    }, PROGRESS_EVERY_MS);
    try {
      const out = await show(left, controller.signal);
      state = reduce(state, { type: 'tick', elapsedMs: elapsedNow() });
      return state.status === 'running' ? out : 'time-up';
    } catch (e) {
      if (e instanceof AbortPromptError) {
        state = reduce(state, { type: 'tick', elapsedMs: Number.MAX_SAFE_INTEGER });
        return 'time-up';
      }
      if (e instanceof ExitPromptError) {
        store.saveProgress(attemptId, elapsedNow(), items[position]!.seq);
        throw interrupted();
      }
      throw e;
    } finally {
      clearTimeout(timeout);
      clearInterval(saver);
    }
  }

  const moveTo = (i: number): void => {
    state = reduce(state, { type: 'move', to: i });
    store.saveProgress(attemptId, state.elapsedMs, items[state.position]!.seq);
  };

  // exam mode moves freely and ends on the review screen; practice mode is linear with feedback after each answer
  let reviewing = !attempt.practice && nextUnanswered(state) === null;
  const at0 = attempt.practice ? nextUnanswered(state, state.position) : state.position;
  if (at0 !== null) state = reduce(state, { type: 'move', to: at0 });

  while (state.status === 'running') {
    if (reviewing) {
      const outcome = await timed(state.position, (remaining, signal) =>
        reviewPrompt(
          {
            title,
            cells: items.map((_, k) => ({
              answered: state.answers[k] !== null,
              flagged: state.flags[k] === true,
            })),
            current: state.position,
            remainingMs: remaining,
            limitMs: attempt.timeLimitMs,
            now: () => performance.now(),
          },
          { signal },
        ),
      );
      if (outcome === 'time-up') break;
      if (outcome.kind === 'submit') {
        state = reduce(state, { type: 'submit' });
        break;
      }
      moveTo(outcome.seq);
      reviewing = false;
      continue;
    }
    const i = state.position;
    const item = items[i]!;
    const q = questions[i]!;
    const correctCount = q.options.filter((o) => o.correct).length;
    const previous = state.answers[i];
    const t0 = performance.now();
    const outcome = await timed(i, (remaining, signal) =>
      questionPrompt(
        {
          header: `${title} · Question ${i + 1} of ${items.length} · ${q.domain}`,
          stem: q.stem,
          options: item.optionOrder.map((o) => q.options[o]!.text),
          choose: q.type === 'multi' ? correctCount : 1,
          remainingMs: remaining,
          limitMs: attempt.timeLimitMs,
          now: () => performance.now(),
          ...(previous ? { selected: previous.map((o) => item.optionOrder.indexOf(o)) } : {}),
          ...(attempt.practice
            ? {}
            : {
                navigation: {
                  flagged: state.flags[i] === true,
                  first: i === 0,
                  last: i === items.length - 1,
                  onFlag: (flagged: boolean) => {
                    state = reduce(state, { type: 'flag', seq: i, flagged });
                    store.setFlag(attemptId, item.seq, flagged, Date.now());
                  },
                },
              }),
        },
        { signal },
      ),
    );
    if (outcome === 'time-up') break;
    if (outcome.kind === 'move') {
      moveTo(i + outcome.by);
      continue;
    }
    if (outcome.kind === 'review') {
      reviewing = true;
      continue;
    }
    const selection = outcome.selection.map((d) => item.optionOrder[d]!);
    state = reduce(state, { type: 'answer', seq: i, selection, elapsedMs: state.elapsedMs });
    const ok = isCorrect(q, selection);
    // practice: the next unanswered; exam: the next in order, or the review screen once all are answered
    const next = attempt.practice
      ? nextUnanswered(state, i)
      : i + 1 < items.length && nextUnanswered(state) !== null
        ? i + 1
        : null;
    store.saveAnswer(
      attemptId,
      {
        seq: item.seq,
        questionId: q.id,
        selection,
        correct: ok,
        answeredAt: Date.now(),
        secondsSpent: (performance.now() - t0) / 1000,
      },
      { elapsedMs: state.elapsedMs, position: items[next ?? i]!.seq },
    );
    if (attempt.practice) {
      process.stdout.write(`${renderFeedback(bank, q, item.optionOrder, selection, ok)}\n`);
      try {
        await continuePrompt({ message: 'Press Enter for the next question · Ctrl-C save & quit' });
      } catch (e) {
        if (e instanceof ExitPromptError) throw interrupted();
        throw e;
      }
      if (next === null) state = reduce(state, { type: 'submit' });
      else state = reduce(state, { type: 'move', to: next });
      continue;
    }
    if (next === null) reviewing = true;
    else state = reduce(state, { type: 'move', to: next });
  }

  if (state.status === 'timed-out')
    process.stdout.write(
      `\n${c.yellow.bold('⏱ Time is up — the exam ends now; unanswered questions count as wrong.')}\n`,
    );
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
  const { result, mock } = scoreFor(bank, attempt, questions, state.answers);
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

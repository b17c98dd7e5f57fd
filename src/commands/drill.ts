import { shuffle, seededRng } from '../core/rng.js';
import { drillOrder } from '../core/domain-mastery.js';
import { DAY_MS } from '../core/mastery.js';
import { planReview, type QuestionHistory, type ReviewKind } from '../core/review-plan.js';
import { UsageError } from '../errors.js';
import { AttemptStore } from '../store/attempts.js';
import { dbPath, openDb } from '../store/db.js';
import { bankLocation, freshSeed, openBank } from './exam.js';
import { masteryReport } from './stats.js';

export interface DrillOptions {
  exam?: string;
  count?: string;
  examDate?: string;
  db?: string;
  bank?: string;
  notes?: string;
}

export function parseExamDate(value: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms)) throw new UsageError(`an exam date looks like 2027-01-31, not "${value}"`);
  return ms;
}

/** `review --weak | --missed | --due`: a practice session (feedback after each answer) from the history. */
export async function drill(kind: ReviewKind, opts: DrillOptions): Promise<void> {
  const count = opts.count === undefined ? 10 : Number(opts.count);
  if (!Number.isInteger(count) || count < 1 || count > 200)
    throw new UsageError(`--count must be a whole number from 1 to 200, not "${opts.count}"`);
  const exam = opts.exam?.toLowerCase();
  const bank = await openBank(bankLocation(opts));
  if (exam !== undefined && !bank.taxonomy.exams[exam])
    throw new UsageError(
      `unknown exam "${opts.exam}"; choose one of: ${Object.keys(bank.taxonomy.exams).join(', ')}`,
    );
  const db = openDb(dbPath(opts.db));
  try {
    const store = new AttemptStore(db);
    const now = Date.now();
    const examDate = opts.examDate ? parseExamDate(opts.examDate) : store.mastery.examDate();
    const states = store.mastery.states();
    const { c } = await import('../ui/color.js');
    if (states.length === 0) {
      process.stdout.write(
        `No answers yet, so there is nothing to review. Start with a diagnostic: ${c.bold(`awsquiz exam --exam ${exam ?? 'saa'} --count 30`)}\n`,
      );
      return;
    }
    const before = masteryReport(bank, store, exam, now);
    const daysLeft = examDate === undefined ? undefined : Math.max(0, Math.floor((examDate - now) / DAY_MS));
    let domains: string[] = [];
    if (kind === 'weak') {
      const weak = drillOrder(before.topics, daysLeft);
      domains = (weak.length ? weak : before.topics).slice(0, 3).map((r) => r.key);
      if (!weak.length)
        process.stdout.write(c.green('No weak domains by the current rule — drilling your three lowest.\n'));
    }
    const history = new Map<string, QuestionHistory>(
      states.map((s) => [
        s.questionId,
        { lastCorrect: s.lastCorrect, lastAt: s.lastAt, ...(s.due !== undefined ? { due: s.due } : {}) },
      ]),
    );
    const seed = freshSeed();
    const rng = seededRng(seed);
    const questions = exam ? bank.questions.filter((q) => q.exams[exam] !== undefined) : bank.questions;
    const picked = planReview(kind, questions, history, { domains, count, now, rng });
    if (!picked.length) {
      process.stdout.write(
        kind === 'missed'
          ? 'Nothing missed: your last answer to every question was right.\n'
          : 'Nothing is due for review yet.\n',
      );
      return;
    }
    if (!(process.stdin.isTTY && process.stdout.isTTY))
      throw new UsageError('awsquiz review asks questions in an interactive terminal, and this is not one.');
    const headline =
      kind === 'weak'
        ? `Weak-domain drill: ${domains.join(', ')} — missed first, then due, then new`
        : kind === 'missed'
          ? `Review of ${picked.length} question(s) you missed last time`
          : `Spaced review: ${picked.length} question(s) due`;
    process.stdout.write(
      `${c.bold(headline)}${daysLeft !== undefined ? c.dim(` · ${daysLeft} day(s) to the exam`) : ''}\n\n`,
    );
    const id = store.create({
      mode: 'review',
      exam: exam ?? null,
      domains: kind === 'weak' ? domains : [kind],
      practice: true,
      seed,
      startedAt: now,
      timeLimitMs: null,
      bankHash: bank.hash,
      items: picked.map((q) => ({
        questionId: q.id,
        optionOrder: shuffle(
          q.options.map((_, i) => i),
          rng,
        ),
        domain: q.domain,
      })),
    });
    const { runAttempt } = await import('../ui/exam-loop.js');
    await runAttempt(bank, store, id);
    const after = masteryReport(bank, store, exam, Date.now());
    const shown = kind === 'weak' ? domains : [...new Set(picked.map((q) => q.domain))];
    const { renderBeforeAfter } = await import('../ui/stats-view.js');
    process.stdout.write(renderBeforeAfter(before.topics, after.topics, shown));
  } finally {
    db.close();
  }
}

import type { Db } from './db.js';
import { MasteryStore } from './mastery.js';

export type AttemptMode = 'mock' | 'topic' | 'review';
export type AttemptState = 'active' | 'submitted' | 'timed-out' | 'abandoned';

export interface AttemptRow {
  id: number;
  mode: AttemptMode;
  exam: string | null;
  domains: string[];
  practice: boolean;
  seed: number;
  startedAt: number;
  timeLimitMs: number | null;
  elapsedMs: number;
  position: number;
  state: AttemptState;
  finishedAt: number | null;
  correct: number | null;
  total: number;
  scaled: number | null;
  bankHash: string | null;
}

export interface AttemptItem {
  seq: number;
  questionId: string;
  optionOrder: number[];
  domain: string;
}

export interface AnswerRow {
  seq: number;
  questionId: string;
  selection: number[];
  correct: boolean;
  answeredAt: number;
  secondsSpent: number;
}

export type NewAttempt = Pick<
  AttemptRow,
  'mode' | 'exam' | 'domains' | 'practice' | 'seed' | 'startedAt' | 'timeLimitMs'
> & {
  bankHash: string;
  items: { questionId: string; optionOrder: readonly number[]; domain: string }[];
};

interface RawAttempt {
  id: number;
  mode: AttemptMode;
  exam: string | null;
  domains: string;
  practice: number;
  seed: number;
  started_at: number;
  time_limit_ms: number | null;
  elapsed_ms: number;
  position: number;
  state: AttemptState;
  finished_at: number | null;
  correct: number | null;
  total: number;
  scaled: number | null;
  bank_hash: string | null;
}

function toAttempt(r: RawAttempt): AttemptRow {
  return {
    id: r.id,
    mode: r.mode,
    exam: r.exam,
    domains: JSON.parse(r.domains) as string[],
    practice: r.practice === 1,
    seed: r.seed,
    startedAt: r.started_at,
    timeLimitMs: r.time_limit_ms,
    elapsedMs: r.elapsed_ms,
    position: r.position,
    state: r.state,
    finishedAt: r.finished_at,
    correct: r.correct,
    total: r.total,
    scaled: r.scaled,
    bankHash: r.bank_hash,
  };
}

/** Attempt, question, answer and flag rows; every write is its own committed transaction, so nothing given is lost. */
export class AttemptStore {
  private readonly stmts;
  readonly mastery: MasteryStore;

  constructor(private readonly db: Db) {
    this.mastery = new MasteryStore(db);
    this.stmts = {
      previousAnswer: db.prepare('SELECT correct, answered_at FROM answer WHERE attempt_id = ? AND seq = ?'),
      insertAttempt: db.prepare(
        `INSERT INTO attempt (mode, exam, domains, practice, seed, started_at, time_limit_ms, total, bank_hash)
         VALUES (@mode, @exam, @domains, @practice, @seed, @startedAt, @timeLimitMs, @total, @bankHash)`,
      ),
      insertItem: db.prepare(
        'INSERT INTO attempt_question (attempt_id, seq, question_id, option_order, domain) VALUES (?, ?, ?, ?, ?)',
      ),
      upsertAnswer: db.prepare(
        `INSERT INTO answer (attempt_id, seq, question_id, selection, correct, answered_at, seconds_spent)
         VALUES (@attemptId, @seq, @questionId, @selection, @correct, @answeredAt, @secondsSpent)
         ON CONFLICT (attempt_id, seq) DO UPDATE SET selection = excluded.selection, correct = excluded.correct,
           answered_at = excluded.answered_at, seconds_spent = answer.seconds_spent + excluded.seconds_spent`,
      ),
      progress: db.prepare(
        "UPDATE attempt SET elapsed_ms = max(elapsed_ms, ?), position = ? WHERE id = ? AND state = 'active'",
      ),
      finish: db.prepare(
        `UPDATE attempt SET state = @state, finished_at = @finishedAt, correct = @correct, scaled = @scaled,
           elapsed_ms = max(elapsed_ms, @elapsedMs) WHERE id = @id`,
      ),
      setFlag: db.prepare('INSERT OR IGNORE INTO flag (attempt_id, seq, flagged_at) VALUES (?, ?, ?)'),
      clearFlag: db.prepare('DELETE FROM flag WHERE attempt_id = ? AND seq = ?'),
      get: db.prepare('SELECT * FROM attempt WHERE id = ?'),
      latestActive: db.prepare(
        "SELECT * FROM attempt WHERE state = 'active' ORDER BY started_at DESC, id DESC LIMIT 1",
      ),
      items: db.prepare(
        'SELECT seq, question_id AS questionId, option_order AS optionOrder, domain FROM attempt_question WHERE attempt_id = ? ORDER BY seq',
      ),
      answers: db.prepare(
        `SELECT seq, question_id AS questionId, selection, correct, answered_at AS answeredAt, seconds_spent AS secondsSpent
         FROM answer WHERE attempt_id = ? ORDER BY seq`,
      ),
      flags: db.prepare('SELECT seq FROM flag WHERE attempt_id = ? ORDER BY seq'),
      list: db.prepare('SELECT * FROM attempt ORDER BY started_at DESC, id DESC LIMIT ?'),
      lastSeen: db.prepare(
        `SELECT aq.question_id AS id, max(a.started_at) AS at
         FROM attempt_question aq JOIN attempt a ON a.id = aq.attempt_id GROUP BY aq.question_id`,
      ),
    };
  }

  create(a: NewAttempt): number {
    return this.db
      .transaction(() => {
        const info = this.stmts.insertAttempt.run({
          mode: a.mode,
          exam: a.exam,
          domains: JSON.stringify(a.domains),
          practice: a.practice ? 1 : 0,
          seed: a.seed,
          startedAt: a.startedAt,
          timeLimitMs: a.timeLimitMs,
          total: a.items.length,
          bankHash: a.bankHash,
        });
        const id = Number(info.lastInsertRowid);
        a.items.forEach((it, seq) =>
          this.stmts.insertItem.run(id, seq, it.questionId, JSON.stringify(it.optionOrder), it.domain),
        );
        return id;
      })
      .immediate();
  }

  /**
   * The answer, the exam time used so far and the question's mastery and review schedule, in one commit.
   * A changed answer replaces the earlier one.
   */
  saveAnswer(
    attemptId: number,
    a: AnswerRow,
    progress: { elapsedMs: number; position: number },
    examDate?: number,
  ): void {
    this.db
      .transaction(() => {
        const prev = this.stmts.previousAnswer.get(attemptId, a.seq) as
          { correct: number; answered_at: number } | undefined;
        this.stmts.upsertAnswer.run({
          attemptId,
          seq: a.seq,
          questionId: a.questionId,
          selection: JSON.stringify(a.selection),
          correct: a.correct ? 1 : 0,
          answeredAt: a.answeredAt,
          secondsSpent: a.secondsSpent,
        });
        this.stmts.progress.run(Math.round(progress.elapsedMs), progress.position, attemptId);
        this.mastery.record(
          a.questionId,
          a.correct,
          a.answeredAt,
          prev && { correct: prev.correct === 1, at: prev.answered_at },
          examDate,
        );
      })
      .immediate();
  }

  saveProgress(attemptId: number, elapsedMs: number, position: number): void {
    this.stmts.progress.run(Math.round(elapsedMs), position, attemptId);
  }

  setFlag(attemptId: number, seq: number, flagged: boolean, at: number): void {
    if (flagged) this.stmts.setFlag.run(attemptId, seq, at);
    else this.stmts.clearFlag.run(attemptId, seq);
  }

  finish(
    id: number,
    f: {
      state: Exclude<AttemptState, 'active'>;
      finishedAt: number;
      correct: number;
      scaled: number | null;
      elapsedMs: number;
    },
  ): void {
    this.stmts.finish.run({ id, ...f, elapsedMs: Math.round(f.elapsedMs) });
  }

  get(id: number): AttemptRow | undefined {
    const r = this.stmts.get.get(id) as RawAttempt | undefined;
    return r && toAttempt(r);
  }

  latestActive(): AttemptRow | undefined {
    const r = this.stmts.latestActive.get() as RawAttempt | undefined;
    return r && toAttempt(r);
  }

  items(attemptId: number): AttemptItem[] {
    type Row = Omit<AttemptItem, 'optionOrder'> & { optionOrder: string };
    return (this.stmts.items.all(attemptId) as Row[]).map((r) => ({
      ...r,
      optionOrder: JSON.parse(r.optionOrder) as number[],
    }));
  }

  answers(attemptId: number): AnswerRow[] {
    type Row = Omit<AnswerRow, 'selection' | 'correct'> & { selection: string; correct: number };
    return (this.stmts.answers.all(attemptId) as Row[]).map((r) => ({
      ...r,
      selection: JSON.parse(r.selection) as number[],
      correct: r.correct === 1,
    }));
  }

  flags(attemptId: number): number[] {
    return (this.stmts.flags.all(attemptId) as { seq: number }[]).map((r) => r.seq);
  }

  /** When each question was last put in an attempt: new attempts draw unseen questions first. */
  lastSeen(): Map<string, number> {
    return new Map((this.stmts.lastSeen.all() as { id: string; at: number }[]).map((r) => [r.id, r.at]));
  }

  list(limit = 50): AttemptRow[] {
    return (this.stmts.list.all(limit) as RawAttempt[]).map(toAttempt);
  }
}

import { addAnswer, type DecayedState } from '../core/mastery.js';
import { reviewCard, type StoredCard } from '../core/scheduler.js';
import type { Db } from './db.js';

export interface QuestionState extends DecayedState {
  questionId: string;
  n: number;
  correct: number;
  lastAt: number;
  lastCorrect: boolean;
  due?: number;
}

interface RawState {
  question_id: string;
  n: number;
  correct: number;
  w: number;
  wc: number;
  ws: number;
  wcs: number;
  ref_at: number;
  last_at: number;
  last_correct: number;
  due: number | null;
}

/** Per-question mastery and FSRS cards, updated with every answer in the same transaction as the answer. */
export class MasteryStore {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      state: db.prepare('SELECT * FROM question_state WHERE question_id = ?'),
      putState: db.prepare(
        `INSERT INTO question_state (question_id, n, correct, w, wc, ws, wcs, ref_at, last_at, last_correct)
         VALUES (@questionId, @n, @correct, @w, @wc, @ws, @wcs, @refAt, @lastAt, @lastCorrect)
         ON CONFLICT (question_id) DO UPDATE SET n = excluded.n, correct = excluded.correct, w = excluded.w,
           wc = excluded.wc, ws = excluded.ws, wcs = excluded.wcs, ref_at = excluded.ref_at,
           last_at = excluded.last_at, last_correct = excluded.last_correct`,
      ),
      card: db.prepare('SELECT data FROM card WHERE question_id = ?'),
      putCard: db.prepare(
        'INSERT INTO card (question_id, due, data) VALUES (?, ?, ?) ON CONFLICT (question_id) DO UPDATE SET due = excluded.due, data = excluded.data',
      ),
      all: db.prepare(
        'SELECT s.*, c.due AS due FROM question_state s LEFT JOIN card c ON c.question_id = s.question_id',
      ),
      getSetting: db.prepare('SELECT value FROM setting WHERE key = ?'),
      putSetting: db.prepare(
        'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      delSetting: db.prepare('DELETE FROM setting WHERE key = ?'),
    };
  }

  /**
   * Fold one answer into the question's state. `previous` is the answer it replaces within the same attempt
   * (a changed answer): its contribution is taken back first, and the FSRS card is only moved by first answers.
   */
  record(
    questionId: string,
    correct: boolean,
    at: number,
    previous?: { correct: boolean; at: number },
    examDate?: number,
  ): void {
    const raw = this.stmts.state.get(questionId) as RawState | undefined;
    let s: DecayedState | undefined = raw && {
      w: raw.w,
      wc: raw.wc,
      ws: raw.ws,
      wcs: raw.wcs,
      refAt: raw.ref_at,
    };
    if (previous && s) s = addAnswer(s, previous.correct, previous.at, -1);
    s = addAnswer(s, correct, at);
    const n = (raw?.n ?? 0) + (previous ? 0 : 1);
    const c = (raw?.correct ?? 0) + (correct ? 1 : 0) - (previous?.correct ? 1 : 0);
    this.stmts.putState.run({ questionId, n, correct: c, ...s, lastAt: at, lastCorrect: correct ? 1 : 0 });
    if (previous) return;
    examDate ??= this.examDate();
    const cardRow = this.stmts.card.get(questionId) as { data: string } | undefined;
    const card = reviewCard(
      cardRow ? (JSON.parse(cardRow.data) as StoredCard) : undefined,
      correct,
      at,
      examDate,
    );
    this.stmts.putCard.run(questionId, card.due, JSON.stringify(card));
  }

  states(): QuestionState[] {
    return (this.stmts.all.all() as RawState[]).map((r) => ({
      questionId: r.question_id,
      n: r.n,
      correct: r.correct,
      w: r.w,
      wc: r.wc,
      ws: r.ws,
      wcs: r.wcs,
      refAt: r.ref_at,
      lastAt: r.last_at,
      lastCorrect: r.last_correct === 1,
      ...(r.due !== null ? { due: r.due } : {}),
    }));
  }

  /** The exam date set with `awsquiz config set exam-date`, as epoch ms of its start (UTC). */
  examDate(): number | undefined {
    const v = this.setting('exam-date');
    return v ? Date.parse(`${v}T00:00:00Z`) : undefined;
  }

  setting(key: string): string | undefined {
    return (this.stmts.getSetting.get(key) as { value: string } | undefined)?.value;
  }

  setSetting(key: string, value: string | undefined): void {
    if (value === undefined) this.stmts.delSetting.run(key);
    else this.stmts.putSetting.run(key, value);
  }
}

import { createEmptyCard, fsrs, generatorParameters, Rating, type Card } from 'ts-fsrs';
import { DAY_MS } from './mastery.js';

/** An FSRS card as stored: dates as epoch ms. */
export interface StoredCard {
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: number | null;
}

function toCard(s: StoredCard): Card {
  return {
    ...s,
    due: new Date(s.due),
    state: s.state,
    last_review: s.last_review === null ? undefined : new Date(s.last_review),
  } as Card;
}

function fromCard(c: Card): StoredCard {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    last_review: c.last_review ? c.last_review.getTime() : null,
  };
}

/**
 * Schedule a question's next review with FSRS (ts-fsrs): a right answer is rated Good, a wrong one Again.
 * With an exam date, no interval may reach past the day before the exam, so every seen question comes up again
 * before it.
 */
export function reviewCard(
  card: StoredCard | undefined,
  correct: boolean,
  now: number,
  examDate?: number,
): StoredCard {
  const daysLeft = examDate === undefined ? undefined : Math.floor((examDate - now) / DAY_MS) - 1;
  const params = generatorParameters({
    enable_fuzz: false,
    ...(daysLeft !== undefined && daysLeft >= 1 ? { maximum_interval: daysLeft } : {}),
  });
  const scheduler = fsrs(params);
  const current = card ? toCard(card) : createEmptyCard(new Date(now));
  const next = fromCard(scheduler.next(current, new Date(now), correct ? Rating.Good : Rating.Again).card);
  if (examDate !== undefined && now < examDate - DAY_MS && next.due > examDate - DAY_MS)
    next.due = examDate - DAY_MS;
  return next;
}

export function isDue(card: StoredCard | undefined, now: number): boolean {
  return card !== undefined && card.due <= now;
}

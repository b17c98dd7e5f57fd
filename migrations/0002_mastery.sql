-- Mastery, kept up to date with every answer so that stats and review never scan all answers.
-- w/wc: answers and correct answers weighted 0.5^(age / 30 days), as of ref_at; ws/wcs the same with 7 days.

CREATE TABLE question_state (
  question_id   TEXT    PRIMARY KEY,
  n             INTEGER NOT NULL,              -- answers ever given
  correct       INTEGER NOT NULL,              -- of them correct
  w             REAL    NOT NULL,
  wc            REAL    NOT NULL,
  ws            REAL    NOT NULL,
  wcs           REAL    NOT NULL,
  ref_at        INTEGER NOT NULL,              -- ms since the epoch the weighted sums are as of
  last_at       INTEGER NOT NULL,
  last_correct  INTEGER NOT NULL CHECK (last_correct IN (0, 1))
) STRICT;

-- FSRS scheduling state per question (ts-fsrs card as JSON), with its due time for the "due" query
CREATE TABLE card (
  question_id   TEXT    PRIMARY KEY,
  due           INTEGER NOT NULL,
  data          TEXT    NOT NULL
) STRICT;

CREATE INDEX card_due ON card (due);

CREATE TABLE setting (
  key           TEXT    PRIMARY KEY,
  value         TEXT    NOT NULL
) STRICT;

CREATE INDEX attempt_finished ON attempt (state, finished_at);

-- answers given before this migration
INSERT INTO question_state (question_id, n, correct, w, wc, ws, wcs, ref_at, last_at, last_correct)
SELECT a.question_id, count(*), sum(a.correct),
       sum(pow(0.5, (m.ref - a.answered_at) / 2592000000.0)),
       sum(a.correct * pow(0.5, (m.ref - a.answered_at) / 2592000000.0)),
       sum(pow(0.5, (m.ref - a.answered_at) / 604800000.0)),
       sum(a.correct * pow(0.5, (m.ref - a.answered_at) / 604800000.0)),
       m.ref, m.ref,
       (SELECT b.correct FROM answer b WHERE b.question_id = a.question_id ORDER BY b.answered_at DESC LIMIT 1)
FROM answer a JOIN (SELECT question_id AS q, max(answered_at) AS ref FROM answer GROUP BY question_id) m ON m.q = a.question_id
GROUP BY a.question_id;

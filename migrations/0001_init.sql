-- awsquiz history: every attempt, the questions it asked in order, every answer and flag as given.
-- Question ids are the bank's stable ids, not foreign keys: a question removed from the bank keeps its history.

CREATE TABLE attempt (
  id            INTEGER PRIMARY KEY,
  mode          TEXT    NOT NULL CHECK (mode IN ('mock', 'topic', 'review')),
  exam          TEXT,                          -- 'saa' | 'dva' | NULL for a topic quiz on every exam
  domains       TEXT    NOT NULL DEFAULT '[]', -- JSON array of topic domains asked for
  practice      INTEGER NOT NULL DEFAULT 0,    -- 1: feedback after every answer
  seed          INTEGER NOT NULL,
  started_at    INTEGER NOT NULL,              -- ms since the epoch
  time_limit_ms INTEGER,                       -- NULL: untimed
  elapsed_ms    INTEGER NOT NULL DEFAULT 0,    -- exam time used; runs only while a question is on screen
  position      INTEGER NOT NULL DEFAULT 0,
  state         TEXT    NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'submitted', 'timed-out', 'abandoned')),
  finished_at   INTEGER,
  correct       INTEGER,                       -- filled when finished
  total         INTEGER NOT NULL,
  scaled        INTEGER,                       -- estimated scaled score, full mocks only
  bank_hash     TEXT
) STRICT;

CREATE INDEX attempt_state ON attempt (state, started_at);

CREATE TABLE attempt_question (
  attempt_id    INTEGER NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,              -- 0-based position in the attempt
  question_id   TEXT    NOT NULL,
  option_order  TEXT    NOT NULL,              -- JSON array: displayed position → original option index
  domain        TEXT    NOT NULL,
  PRIMARY KEY (attempt_id, seq)
) STRICT;

CREATE INDEX attempt_question_qid ON attempt_question (question_id);

CREATE TABLE answer (
  attempt_id    INTEGER NOT NULL,
  seq           INTEGER NOT NULL,
  question_id   TEXT    NOT NULL,
  selection     TEXT    NOT NULL,              -- JSON array of original option indices
  correct       INTEGER NOT NULL CHECK (correct IN (0, 1)),
  answered_at   INTEGER NOT NULL,              -- ms since the epoch
  seconds_spent REAL    NOT NULL,
  PRIMARY KEY (attempt_id, seq),
  FOREIGN KEY (attempt_id, seq) REFERENCES attempt_question (attempt_id, seq) ON DELETE CASCADE
) STRICT;

CREATE INDEX answer_question ON answer (question_id, answered_at);

CREATE TABLE flag (
  attempt_id    INTEGER NOT NULL,
  seq           INTEGER NOT NULL,
  flagged_at    INTEGER NOT NULL,
  PRIMARY KEY (attempt_id, seq),
  FOREIGN KEY (attempt_id, seq) REFERENCES attempt_question (attempt_id, seq) ON DELETE CASCADE
) STRICT;

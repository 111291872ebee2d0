-- Activity stream per room (issue 4 §4): joined, left, edited (coalesced per user: one row grows while
-- the edits keep coming), saved, locked/unlocked, chat, run/build. Rows are written in batches and
-- upserted by id, so a coalesced entry is one row however many edits it counts.
CREATE TABLE room_activity (
  id uuid PRIMARY KEY,
  -- Tie-break for entries of the same millisecond: the order they were first written in.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  room text NOT NULL,
  type text NOT NULL,
  user_id text NOT NULL,
  user_name text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Millisecond precision, so the ISO strings clients see are exactly the stored values.
  at timestamptz(3) NOT NULL,
  -- Last moment the entry covers (a coalesced edit entry's last edit); equals `at` otherwise.
  until timestamptz(3) NOT NULL
);
CREATE INDEX room_activity_room_at ON room_activity (room, at, seq);
CREATE INDEX room_activity_room_until ON room_activity (room, until);
CREATE INDEX room_activity_room_user ON room_activity (room, user_id, at);

-- The shared assistant's Q&A thread per room (issue 4 §7): one row per question and its answer.
CREATE TABLE assistant_exchanges (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  room text NOT NULL,
  question text NOT NULL,
  asked_by text NOT NULL,
  asked_by_name text NOT NULL,
  answerer text NOT NULL,
  answer text NOT NULL DEFAULT '',
  -- pending (being answered), done, or error (the answer so far plus `error`).
  status text NOT NULL DEFAULT 'pending',
  error text,
  asked_at timestamptz(3) NOT NULL,
  answered_at timestamptz(3)
);
CREATE INDEX assistant_exchanges_room_seq ON assistant_exchanges (room, seq);

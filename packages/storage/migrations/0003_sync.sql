-- The sync engine's durable update log: every accepted Yjs update, who sent it and when.
CREATE TABLE sync_updates (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  room text NOT NULL,
  author text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  update bytea NOT NULL,
  PRIMARY KEY (room, seq)
);

-- One compacted state per room; updates after upto_seq are replayed on top of it at load.
CREATE TABLE sync_snapshots (
  room text PRIMARY KEY,
  upto_seq bigint NOT NULL,
  state bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

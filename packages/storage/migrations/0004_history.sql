-- Checkpoints make time travel cheap: the state at any moment is the nearest checkpoint before it
-- plus the logged updates after it. Automatic ones come with snapshots; named ones are versions.
CREATE TABLE sync_checkpoints (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  room text NOT NULL,
  upto_seq bigint NOT NULL,
  state bytea NOT NULL,
  name text,
  author text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_checkpoints_room_seq ON sync_checkpoints (room, upto_seq);
CREATE INDEX sync_updates_room_time ON sync_updates (room, created_at);

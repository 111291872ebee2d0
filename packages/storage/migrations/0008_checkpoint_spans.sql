-- Time travel to a moment replays the log after the nearest checkpoint, keeping only updates up to
-- that moment; without more to go on, that means reading the room's whole log after the checkpoint.
-- A checkpoint now also records the stretch of the log it was built from (updates after from_seq up
-- to upto_seq) and the earliest time in that stretch: a stretch whose earliest update is later than
-- the moment holds nothing to replay and is skipped. NULL (older rows, empty stretches): never skipped.
ALTER TABLE sync_checkpoints ADD COLUMN from_seq bigint;
ALTER TABLE sync_checkpoints ADD COLUMN first_at timestamptz;

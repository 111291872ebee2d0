-- Chat and comments per room (issue 4 §3). A comment is a message with an anchor (a node id or a pair
-- of Yjs relative text positions); replies in a thread point at their parent. Deleting keeps the row
-- (threads and counts stay intact) but clears the text.
CREATE TABLE chat_messages (
  id uuid PRIMARY KEY,
  -- Total order for cursor pagination and read receipts; created_at alone can tie.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  room text NOT NULL,
  user_id text NOT NULL,
  user_name text NOT NULL,
  text text NOT NULL,
  parent_id uuid REFERENCES chat_messages (id),
  anchor jsonb,
  -- Millisecond precision: the timestamps clients see (ISO strings) are exactly the stored ones,
  -- so a time filter built from a message's createdAt includes or excludes that message as expected.
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  edited_at timestamptz(3),
  deleted_at timestamptz(3),
  deleted_by text,
  resolved_at timestamptz(3),
  resolved_by text,
  search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED
);
CREATE INDEX chat_messages_room_seq ON chat_messages (room, seq);
CREATE INDEX chat_messages_room_user ON chat_messages (room, user_id, seq);
CREATE INDEX chat_messages_room_time ON chat_messages (room, created_at);
CREATE INDEX chat_messages_parent ON chat_messages (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX chat_messages_search ON chat_messages USING gin (search);

-- One row per (message, user, emoji): reacting again with the same emoji removes it (toggle).
CREATE TABLE chat_reactions (
  message_id uuid NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  user_name text NOT NULL,
  emoji text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (message_id, user_id, emoji)
);

-- Read receipts: the newest message each user has read in each room (never moves backwards).
CREATE TABLE chat_reads (
  room text NOT NULL,
  user_id text NOT NULL,
  user_name text NOT NULL,
  last_read_seq bigint NOT NULL,
  last_read_id uuid NOT NULL,
  read_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (room, user_id)
);

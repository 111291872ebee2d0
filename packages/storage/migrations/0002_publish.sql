-- Publish: companies, their clients, social accounts, scheduled posts and the publish-attempt log.
-- Company ids are the `companyId`s of token tenants (text), so a company row can be created the first
-- time one of its members uses Publish. Every child row carries company_id so each tenancy check is
-- a single indexed predicate. Clients are an agency company's customers: a separate table rather
-- than companies-with-a-parent, because a client never signs in and is always seen through its agency.

CREATE TABLE publish_companies (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE publish_clients (
  id uuid PRIMARY KEY,
  company_id text NOT NULL REFERENCES publish_companies (id),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Lets child rows reference (company_id, id) so a client of another company can never be attached.
  UNIQUE (company_id, id)
);

CREATE TABLE publish_accounts (
  id uuid PRIMARY KEY,
  company_id text NOT NULL REFERENCES publish_companies (id),
  client_id uuid,
  platform text NOT NULL CHECK (platform IN ('facebook', 'instagram', 'linkedin')),
  -- Page id, Instagram business account id, or LinkedIn author URN (urn:li:organization:… / urn:li:person:…).
  external_id text NOT NULL,
  name text NOT NULL,
  -- AES-256-GCM: version byte | 12-byte IV | 16-byte tag | ciphertext; the account id is the AAD.
  -- NULL once disconnected: a disconnected account keeps its history but no credential.
  token_ciphertext bytea,
  token_expires_at timestamptz,
  status text NOT NULL DEFAULT 'connected' CHECK (status IN ('connected', 'needs_reauth')),
  status_reason text,
  -- Per-account back-off (platform rate limits): the worker defers this account's posts until then.
  backoff_until timestamptz,
  disconnected_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (company_id, id),
  UNIQUE (company_id, platform, external_id),
  FOREIGN KEY (company_id, client_id) REFERENCES publish_clients (company_id, id)
);
CREATE INDEX publish_accounts_client ON publish_accounts (company_id, client_id);

CREATE TABLE publish_posts (
  id uuid PRIMARY KEY,
  company_id text NOT NULL REFERENCES publish_companies (id),
  client_id uuid,
  account_id uuid NOT NULL,
  author_id text NOT NULL,
  content text NOT NULL,
  -- [{ "url": "https://…", "type": "image" | "video" }]
  media jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- The instant the user asked for, and the IANA zone they asked in (for display and editing).
  scheduled_at timestamptz,
  time_zone text NOT NULL,
  status text NOT NULL CHECK (
    status IN ('draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled', 'unconfirmed')
  ),
  -- Bumped by every edit; clients send it back for optimistic concurrency.
  version integer NOT NULL DEFAULT 1,
  -- Attempts in the current cycle (a manual retry starts a new cycle; the log keeps them all).
  attempts integer NOT NULL DEFAULT 0,
  attempt_seq integer NOT NULL DEFAULT 0,
  -- When the worker should act next: scheduled_at, a retry time, or now() after a manual retry.
  due_at timestamptz,
  -- The attempt currently talking to the platform and how long its claim lasts (renewed while alive).
  lease_attempt integer,
  lease_until timestamptz,
  -- A previous attempt may have reached the platform without a definite answer: look before posting.
  uncertain boolean NOT NULL DEFAULT false,
  -- Platform progress that makes a resumed attempt idempotent, e.g. { "containerId": "…" } on Instagram.
  platform_state jsonb NOT NULL DEFAULT '{}'::jsonb,
  last_error_code text,
  last_error text,
  external_id text,
  external_url text,
  published_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Drafts may have no time yet; lists sort them by creation.
  sort_at timestamptz GENERATED ALWAYS AS (COALESCE(scheduled_at, created_at)) STORED,
  FOREIGN KEY (company_id, client_id) REFERENCES publish_clients (company_id, id),
  FOREIGN KEY (company_id, account_id) REFERENCES publish_accounts (company_id, id)
);
-- Keyset pagination of "posts of a company [with a status]" newest first stays an index range scan
-- at millions of rows.
CREATE INDEX publish_posts_company_status ON publish_posts (company_id, status, sort_at DESC, id DESC);
CREATE INDEX publish_posts_company ON publish_posts (company_id, sort_at DESC, id DESC);
CREATE INDEX publish_posts_client ON publish_posts (company_id, client_id, sort_at DESC, id DESC)
  WHERE client_id IS NOT NULL;
CREATE INDEX publish_posts_account_open ON publish_posts (account_id)
  WHERE status IN ('draft', 'scheduled', 'publishing');
-- The worker's sweeper: posts that should have a job.
CREATE INDEX publish_posts_due ON publish_posts (due_at) WHERE status IN ('scheduled', 'publishing');

-- Append-only: one row per event of an attempt (started, then exactly one ending event, or none if
-- the worker died — which the next attempt records as `abandoned`). Never updated, never deleted.
CREATE TABLE publish_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id uuid NOT NULL REFERENCES publish_posts (id),
  company_id text NOT NULL,
  attempt integer NOT NULL,
  event text NOT NULL CHECK (
    event IN ('started', 'published', 'found_existing', 'retry', 'failed', 'unconfirmed', 'abandoned', 'deferred')
  ),
  worker_id text,
  error_class text,
  error_code text,
  message text,
  http_status integer,
  external_id text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX publish_attempts_post ON publish_attempts (post_id, id);

-- Process-wide settings that must survive restarts (e.g. the dev-mode signing secret).
CREATE TABLE ensemble_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Catalog propagation between nodes (issue 7). The catalog is a derived, read-only export rebuilt
-- wholesale; each node serves it from memory and keeps a copy under <dataDir>/catalog. With a shared
-- Postgres the node that rebuilds publishes the export files here as a new version, and the other nodes
-- poll max(version) and fetch the files when it grows. Only the two newest versions are kept.
CREATE TABLE catalog_versions (
  version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- host:pid of the node that built it (informational).
  built_by text NOT NULL,
  built_at timestamptz NOT NULL DEFAULT now(),
  summary jsonb NOT NULL
);
-- The export files of one version (index.json, <brand>.json, report.json, rejects.jsonl) as written by
-- `ensemble catalog build`, byte for byte.
CREATE TABLE catalog_files (
  version bigint NOT NULL REFERENCES catalog_versions (version) ON DELETE CASCADE,
  name text NOT NULL,
  content text NOT NULL,
  PRIMARY KEY (version, name)
);

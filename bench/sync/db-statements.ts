/**
 * CPU per statement shape on PGlite (on disk, in this thread, with the worker's hex bytea codec): the
 * update-log INSERT and the activity upsert as a VALUES list vs `unnest` of array parameters, at a
 * few batch sizes. Decides how the sync engine writes its batches (see db-load.ts for the whole load).
 *
 *   npx tsx --conditions=source bench/sync/db-statements.ts [--calls 400]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite, types } from '@electric-sql/pglite';

const { values: opts } = parseArgs({ options: { calls: { type: 'string', default: '400' } } });
const CALLS = Number(opts.calls);

const dir = mkdtempSync(join(tmpdir(), 'ens-db-statements-'));
const db = new PGlite({
  dataDir: dir,
  parsers: {
    [types.INT8]: (value: string) => Number(value),
    [types.BYTEA]: (value: string) => new Uint8Array(Buffer.from(value.slice(2), 'hex')),
  },
  serializers: {
    [types.BYTEA]: (value: unknown) =>
      `\\x${Buffer.from((value as Uint8Array).buffer, (value as Uint8Array).byteOffset, (value as Uint8Array).byteLength).toString('hex')}`,
  },
});
await db.exec(`
  CREATE TABLE sync_updates (seq bigint GENERATED ALWAYS AS IDENTITY, room text NOT NULL, author text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(), update bytea NOT NULL, PRIMARY KEY (room, seq));
  CREATE TABLE room_activity (id uuid PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    room text NOT NULL, type text NOT NULL, user_id text NOT NULL, user_name text NOT NULL,
    data jsonb NOT NULL DEFAULT '{}'::jsonb, at timestamptz(3) NOT NULL, until timestamptz(3) NOT NULL);
  CREATE INDEX room_activity_room_at ON room_activity (room, at, seq);
  CREATE INDEX room_activity_room_until ON room_activity (room, until);
  CREATE INDEX room_activity_room_user ON room_activity (room, user_id, at);
`);

function cpuMsPerCall(fn: (i: number) => Promise<unknown>): Promise<number> {
  return (async () => {
    for (let i = 0; i < 20; i++) await fn(i); // warm-up
    const before = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) await fn(i);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / CALLS;
  })();
}

const update = () => new Uint8Array(Array.from({ length: 40 }, (_, i) => i));
const updateRows = (n: number, i: number) =>
  Array.from({ length: n }, (_, k) => ({
    room: `room-${(i + k) % 100}`,
    author: `user-${k}`,
    update: update(),
  }));

const results: Record<string, number> = {};
const measure = async (name: string, fn: (i: number) => Promise<unknown>) => {
  results[name] = Math.round((await cpuMsPerCall(fn)) * 1000) / 1000;
  console.log(`${name.padEnd(58)} ${results[name]!.toFixed(3)} ms`);
};

await measure('SELECT 1', () => db.query('SELECT 1'));
for (const n of [1, 10, 50]) {
  await measure(`sync_updates VALUES × ${n}`, (i) => {
    const rows = updateRows(n, i);
    const values = rows.map((_, k) => `($${k * 3 + 1}, $${k * 3 + 2}, $${k * 3 + 3})`).join(', ');
    return db.query(
      `INSERT INTO sync_updates (room, author, update) VALUES ${values} RETURNING seq`,
      rows.flatMap((r) => [r.room, r.author, r.update]),
    );
  });
  await measure(`sync_updates unnest × ${n}`, (i) => {
    const rows = updateRows(n, i);
    return db.query(
      `INSERT INTO sync_updates (room, author, update)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[]) RETURNING seq`,
      [rows.map((r) => r.room), rows.map((r) => r.author), rows.map((r) => r.update)],
    );
  });
  await measure(`sync_updates unnest WITH ORDINALITY ORDER BY × ${n}`, (i) => {
    const rows = updateRows(n, i);
    return db.query(
      `INSERT INTO sync_updates (room, author, update)
       SELECT room, author, update
       FROM unnest($1::text[], $2::text[], $3::bytea[]) WITH ORDINALITY AS t(room, author, update, i)
       ORDER BY i RETURNING seq`,
      [rows.map((r) => r.room), rows.map((r) => r.author), rows.map((r) => r.update)],
    );
  });
}

// Activity: the node-wide writer upserts growing `edited` entries (mostly updates of existing rows).
const ids = Array.from({ length: 1000 }, () => randomUUID());
const activityRows = (n: number, i: number) =>
  Array.from({ length: n }, (_, k) => {
    const at = new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();
    return {
      id: ids[(i * n + k) % ids.length]!,
      room: `room-${k % 100}`,
      type: 'edited',
      userId: `user-${k}`,
      userName: `User ${k}`,
      data: JSON.stringify({ edits: i }),
      at,
      until: at,
    };
  });
const UPSERT_TAIL =
  'ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, until = EXCLUDED.until, user_name = EXCLUDED.user_name';
for (const n of [10, 100, 500]) {
  await measure(`room_activity VALUES upsert × ${n}`, (i) => {
    const rows = activityRows(n, i);
    const values = rows
      .map((_, k) => {
        const b = k * 8;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::jsonb, $${b + 7}, $${b + 8})`;
      })
      .join(', ');
    return db.query(
      `INSERT INTO room_activity (id, room, type, user_id, user_name, data, at, until) VALUES ${values} ${UPSERT_TAIL}`,
      rows.flatMap((r) => [r.id, r.room, r.type, r.userId, r.userName, r.data, r.at, r.until]),
    );
  });
  await measure(`room_activity unnest upsert × ${n}`, (i) => {
    const rows = activityRows(n, i);
    return db.query(
      `INSERT INTO room_activity (id, room, type, user_id, user_name, data, at, until)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[],
                            $7::timestamptz[], $8::timestamptz[]) ${UPSERT_TAIL}`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.room),
        rows.map((r) => r.type),
        rows.map((r) => r.userId),
        rows.map((r) => r.userName),
        rows.map((r) => r.data),
        rows.map((r) => r.at),
        rows.map((r) => r.until),
      ],
    );
  });
}

await db.close();
rmSync(dir, { recursive: true, force: true });
console.log(`DB_STATEMENTS_JSON ${JSON.stringify(results)}`);

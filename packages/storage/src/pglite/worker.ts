/**
 * Worker thread that owns the PGlite instance. A PGlite query runs on the thread that calls it, so
 * keeping it here means a slow query never stalls the server's event loop (DESIGN.md §3).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction, types } from '@electric-sql/pglite';
import type { WorkerInit, WorkerReply, WorkerRequest } from './messages.js';

const port = parentPort;
if (!port) throw new Error('pglite worker must run in a worker thread');

const { dataDir } = workerData as WorkerInit;

interface OpenTransaction {
  tx: Transaction;
  finish: (commit: boolean) => void;
  done: Promise<void>;
}

class RollbackRequested extends Error {}

const transactions = new Map<number, OpenTransaction>();
let nextTxId = 1;

function reply(message: WorkerReply): void {
  port!.postMessage(message);
}

function fail(id: number, error: unknown): void {
  const e = error as { message?: unknown; code?: unknown };
  reply({
    id,
    ok: false,
    error: {
      message: typeof e?.message === 'string' ? e.message : String(error),
      ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    },
  });
}

function target(txId: number | undefined): PGlite | Transaction {
  if (txId === undefined) return db;
  const open = transactions.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
  return open.tx;
}

function begin(id: number): void {
  const txId = nextTxId++;
  let finish!: (commit: boolean) => void;
  const decided = new Promise<boolean>((resolve) => {
    finish = resolve;
  });
  const done = db
    .transaction(async (tx) => {
      transactions.set(txId, { tx, finish, done });
      reply({ id, ok: true, txId });
      if (!(await decided)) throw new RollbackRequested();
    })
    .then(
      () => undefined,
      (error: unknown) => {
        if (!(error instanceof RollbackRequested)) throw error;
      },
    )
    .finally(() => transactions.delete(txId));
  // A failure before the callback ran (BEGIN itself failed) must still answer the request.
  done.catch((error: unknown) => {
    if (!transactions.has(txId)) fail(id, error);
  });
}

async function end(id: number, txId: number, commit: boolean): Promise<void> {
  const open = transactions.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
  open.finish(commit);
  await open.done;
  reply({ id, ok: true });
}

async function handle(request: WorkerRequest): Promise<void> {
  try {
    switch (request.op) {
      case 'query': {
        const result = await target(request.txId).query<Record<string, unknown>>(request.sql, [
          ...request.params,
        ]);
        const rowCount =
          result.affectedRows && result.affectedRows > 0 ? result.affectedRows : result.rows.length;
        reply({ id: request.id, ok: true, rows: result.rows, rowCount });
        return;
      }
      case 'exec':
        await target(request.txId).exec(request.sql);
        reply({ id: request.id, ok: true });
        return;
      case 'begin':
        begin(request.id);
        return;
      case 'commit':
        await end(request.id, request.txId, true);
        return;
      case 'rollback':
        await end(request.id, request.txId, false);
        return;
      case 'close':
        await db.close();
        reply({ id: request.id, ok: true });
        return;
    }
  } catch (error) {
    fail(request.id, error);
  }
}

// PGlite's own bytea codec goes byte by byte through strings (≈ 1 s per MB); Node's hex codec is
// ~100× faster, which matters for snapshots and history checkpoints. The copy gives each value its
// own exactly-sized buffer, so posting it to the main thread does not clone a shared pool.
const byteaFromText = (value: string) => new Uint8Array(Buffer.from(value.slice(2), 'hex'));
const byteaToText = (value: unknown) => {
  if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
};

const db = new PGlite({
  ...(dataDir ? { dataDir } : {}),
  parsers: { [types.INT8]: (value: string) => Number(value), [types.BYTEA]: byteaFromText },
  serializers: { [types.BYTEA]: byteaToText },
});

db.waitReady.then(
  () => {
    port.on('message', (request: WorkerRequest) => void handle(request));
    port.postMessage({ ready: true });
  },
  (error: unknown) => {
    port.postMessage({ ready: false, error: error instanceof Error ? error.message : String(error) });
  },
);

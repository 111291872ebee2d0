import { mkdir } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { toDatabaseError } from '../database-error.js';
import type { Database, Queryable, QueryResult, Row } from '../types.js';
import type { WorkerInit, WorkerReady, WorkerReply, WorkerRequest } from './messages.js';
import { pgliteWorkerEntry } from './worker-url.js';

export interface PgliteOptions {
  /** Directory of the embedded database; omit for a throwaway in-memory database. */
  dataDir?: string;
}

type Pending = { resolve: (reply: WorkerReply & { ok: true }) => void; reject: (error: Error) => void };
type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/** Embedded Postgres (PGlite) running in a worker thread. */
export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const entry = pgliteWorkerEntry();
  const init: WorkerInit = { dataDir: options.dataDir };
  const worker = new Worker(entry.script, { workerData: init, eval: entry.eval });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let dead: Error | undefined;

  const die = (error: Error): void => {
    dead ??= error;
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };

  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: WorkerReady) => {
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (message.ready) resolve();
      else
        reject(
          new EnsembleError(ErrorCode.DatabaseUnavailable, `cannot open embedded database: ${message.error}`),
        );
    };
    const onError = (error: Error) =>
      reject(
        new EnsembleError(ErrorCode.DatabaseUnavailable, `embedded database worker failed: ${error.message}`),
      );
    const onExit = (code: number) =>
      reject(new EnsembleError(ErrorCode.DatabaseUnavailable, `embedded database worker exited (${code})`));
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });

  worker.on('message', (reply: WorkerReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply);
    else p.reject(toDatabaseError(reply.error));
  });
  worker.on('error', (error) =>
    die(new EnsembleError(ErrorCode.DatabaseUnavailable, `embedded database crashed: ${error.message}`)),
  );
  worker.on('exit', (code) =>
    die(
      new EnsembleError(ErrorCode.DatabaseUnavailable, `embedded database is closed (worker exit ${code})`),
    ),
  );

  const send = (body: RequestBody, sql?: string): Promise<WorkerReply & { ok: true }> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, {
        resolve,
        reject: (error) =>
          reject(sql && !(error instanceof EnsembleError) ? toDatabaseError(error, sql) : error),
      });
      worker.postMessage({ ...body, id });
    });
  };

  const queryable = (txId?: number): Queryable => ({
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const reply = await send({ op: 'query', sql, params, ...(txId ? { txId } : {}) }, sql);
      return { rows: (reply.rows ?? []) as R[], rowCount: reply.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await send({ op: 'exec', sql, ...(txId ? { txId } : {}) }, sql);
    },
  });

  const root = queryable();
  let closing: Promise<void> | undefined;

  return {
    kind: 'pglite',
    query: root.query,
    exec: root.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const { txId } = await send({ op: 'begin' });
      if (txId === undefined)
        throw new EnsembleError(ErrorCode.Internal, 'worker did not open a transaction');
      let result: T;
      try {
        result = await fn(queryable(txId));
      } catch (error) {
        await send({ op: 'rollback', txId }).catch(() => undefined);
        throw error;
      }
      await send({ op: 'commit', txId });
      return result;
    },
    async ping(): Promise<void> {
      await root.query('SELECT 1');
    },
    close(): Promise<void> {
      closing ??= (async () => {
        if (!dead) await send({ op: 'close' }).catch(() => undefined);
        await worker.terminate();
      })();
      return closing;
    },
  };
}

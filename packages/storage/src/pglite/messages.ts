/** Messages between the main thread and the PGlite worker. One request → exactly one reply. */
export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params: readonly unknown[]; txId?: number }
  | { id: number; op: 'exec'; sql: string; txId?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit'; txId: number }
  | { id: number; op: 'rollback'; txId: number }
  | { id: number; op: 'close' };

export type WorkerReply =
  | { id: number; ok: true; rows?: Record<string, unknown>[]; rowCount?: number; txId?: number }
  | { id: number; ok: false; error: { message: string; code?: string } };

export interface WorkerInit {
  dataDir: string | undefined;
}

/** Posted once by the worker after PGlite is open (or failed to open). */
export type WorkerReady = { ready: true } | { ready: false; error: string };

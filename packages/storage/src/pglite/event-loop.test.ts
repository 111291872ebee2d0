/**
 * The reason PGlite runs in a worker: a long query must not stall the event loop. We count how many
 * ticks of a 20 ms interval land while one slow query is in flight. In-thread PGlite would give 0
 * (the control case shows it), so the assertion is structural, not a wall-clock threshold.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../types.js';
import { openPglite } from './database.js';

const SLOW_QUERY = 'SELECT count(*) AS n FROM generate_series(1, 4000000)';

async function ticksDuring(work: () => Promise<unknown>): Promise<{ ticks: number; ms: number }> {
  let ticks = 0;
  const timer = setInterval(() => {
    ticks++;
  }, 20);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return { ticks, ms: performance.now() - started };
}

describe('embedded database and the event loop', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPglite();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('keeps timers firing while a slow query runs in the worker', async () => {
    const { ticks, ms } = await ticksDuring(() => db.query(SLOW_QUERY));
    // With the loop free, roughly ms/20 ticks land; demand a clear fraction of that.
    expect(ms).toBeGreaterThan(200);
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(ms / 20 / 4));
  });

  it('control: the same query on in-thread PGlite starves the timer', async () => {
    const inThread = new PGlite();
    await inThread.waitReady;
    try {
      const { ticks, ms } = await ticksDuring(() => inThread.query(SLOW_QUERY));
      expect(ms).toBeGreaterThan(200);
      expect(ticks).toBeLessThan(Math.floor(ms / 20 / 4));
    } finally {
      await inThread.close();
    }
  });
});

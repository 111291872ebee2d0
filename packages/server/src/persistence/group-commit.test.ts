import { describe, expect, it } from 'vitest';
import { GroupCommitter } from './group-commit.js';
import { MemoryUpdateStore } from './memory-update-store.js';
import type { UpdateEntry } from './update-store.js';

describe('GroupCommitter', () => {
  it('commits writes arriving together in one append and acknowledges them in order', async () => {
    const store = new MemoryUpdateStore();
    const batches: number[] = [];
    const append = store.append.bind(store);
    store.append = async (entries: readonly UpdateEntry[]) => {
      batches.push(entries.length);
      return append(entries);
    };
    const committer = new GroupCommitter(store, { delayMs: 5, retryMs: 10, onError: () => undefined });
    const order: number[] = [];
    for (let i = 0; i < 10; i++) {
      committer.push({
        entry: i % 3 === 0 ? null : { room: 'r', author: 'a', update: new Uint8Array([i]) },
        done: () => order.push(i),
      });
    }
    await committer.flush();
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batches).toEqual([6]);
  });

  it('keeps and retries a batch when the store fails, never dropping a write', async () => {
    const store = new MemoryUpdateStore();
    let failures = 2;
    const errors: unknown[] = [];
    const append = store.append.bind(store);
    store.append = async (entries: readonly UpdateEntry[]) => {
      if (failures-- > 0) throw new Error('database down');
      return append(entries);
    };
    const committer = new GroupCommitter(store, { delayMs: 1, retryMs: 5, onError: (e) => errors.push(e) });
    const seqs: (number | null)[] = [];
    committer.push({
      entry: { room: 'r', author: 'a', update: new Uint8Array([1]) },
      done: (s) => seqs.push(s),
    });
    await committer.flush();
    expect(errors).toHaveLength(2);
    expect(seqs).toEqual([1]);
    expect((await store.history('r')).map((r) => r.seq)).toEqual([1]);
  });
});

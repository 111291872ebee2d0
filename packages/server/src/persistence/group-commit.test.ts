import { afterEach, describe, expect, it, vi } from 'vitest';
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

  describe('on a manual clock', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('lets writes that arrive during a commit wait out their own window, not commit back to back', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
      const store = new MemoryUpdateStore();
      const batches: number[][] = [];
      let release: (() => void) | undefined;
      const append = store.append.bind(store);
      store.append = async (entries: readonly UpdateEntry[]) => {
        batches.push(entries.map((e) => e.update[0]!));
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return append(entries);
      };
      const committer = new GroupCommitter(store, { delayMs: 10, retryMs: 10, onError: () => undefined });
      const acked: number[] = [];
      const push = (n: number) =>
        committer.push({
          entry: { room: 'r', author: 'a', update: new Uint8Array([n]) },
          done: () => acked.push(n),
        });

      push(1);
      await vi.advanceTimersByTimeAsync(9);
      expect(batches).toEqual([]);
      await vi.advanceTimersByTimeAsync(1); // t=10: the first write's window is over
      expect(batches).toEqual([[1]]);
      await vi.advanceTimersByTimeAsync(1);
      push(2); // t=11, while the first commit is in flight
      await vi.advanceTimersByTimeAsync(2);
      push(3); // t=13
      release!(); // the first commit ends at t=13
      await vi.advanceTimersByTimeAsync(0);
      expect(acked).toEqual([1]);
      expect(batches).toEqual([[1]]);
      await vi.advanceTimersByTimeAsync(7);
      expect(batches).toEqual([[1]]);
      await vi.advanceTimersByTimeAsync(1); // t=21: 10 ms after write 2 arrived
      expect(batches).toEqual([[1], [2, 3]]);
      release!();
      await vi.advanceTimersByTimeAsync(0);
      expect(acked).toEqual([1, 2, 3]);

      // A flush does not wait for the window.
      push(4);
      const flushed = committer.flush();
      await vi.advanceTimersByTimeAsync(0);
      expect(batches).toEqual([[1], [2, 3], [4]]);
      release!();
      await flushed;
      expect(acked).toEqual([1, 2, 3, 4]);
    });
  });
});

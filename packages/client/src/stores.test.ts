import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Room } from './client.js';
import { yStore } from './stores.js';

/** A stand-in room exposing only what yStore uses: a document that can be swapped, and subscribe. */
function fakeRoom() {
  const listeners = new Set<() => void>();
  const room = {
    doc: new Y.Doc(),
    subscribe(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    swap() {
      room.doc = new Y.Doc();
      for (const l of listeners) l();
    },
  };
  return room;
}

describe('yStore', () => {
  it('keeps a stable snapshot until the type changes, then notifies', () => {
    const room = fakeRoom();
    const store = yStore(
      room as unknown as Room,
      (d) => d.getMap('graph'),
      (m) => m.toJSON(),
    );
    let notified = 0;
    const off = store.subscribe(() => notified++);
    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    room.doc.getMap('graph').set('node:1', { x: 1 });
    expect(notified).toBe(1);
    expect(store.getSnapshot()).toEqual({ 'node:1': { x: 1 } });
    off();
    room.doc.getMap('graph').set('node:2', 2);
    expect(notified).toBe(1);
  });

  it('follows the room to a replaced document', () => {
    const room = fakeRoom();
    const store = yStore(
      room as unknown as Room,
      (d) => d.getText('t'),
      (t) => t.toString(),
    );
    let notified = 0;
    store.subscribe(() => notified++);
    room.doc.getText('t').insert(0, 'old');
    room.swap();
    expect(store.getSnapshot()).toBe('');
    room.doc.getText('t').insert(0, 'new');
    expect(store.getSnapshot()).toBe('new');
    expect(notified).toBeGreaterThanOrEqual(3);
  });
});

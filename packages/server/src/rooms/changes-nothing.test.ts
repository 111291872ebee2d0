import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesNothing } from './changes-nothing.js';

describe('changesNothing', () => {
  const server = new Y.Doc();
  server.getText('t').insert(0, 'hello world');
  server.getText('t').delete(0, 6);

  it('is true for an empty client state and for a client that already has everything', () => {
    expect(changesNothing(server, Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    const synced = new Y.Doc();
    Y.applyUpdate(synced, Y.encodeStateAsUpdate(server));
    expect(changesNothing(server, Y.encodeStateAsUpdate(synced))).toBe(true);
  });

  it('is false for a new insert and for a new delete', () => {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(client);
    client.getText('t').insert(0, '!');
    expect(changesNothing(server, Y.encodeStateAsUpdate(client, sv))).toBe(false);

    const deleter = new Y.Doc();
    Y.applyUpdate(deleter, Y.encodeStateAsUpdate(server));
    let deletion: Uint8Array | null = null;
    deleter.on('update', (u: Uint8Array) => {
      deletion = u;
    });
    deleter.getText('t').delete(0, 1);
    expect(changesNothing(server, deletion!)).toBe(false);
  });

  it('is false for bytes that do not decode', () => {
    expect(changesNothing(server, new Uint8Array([1, 2, 3, 250]))).toBe(false);
  });
});

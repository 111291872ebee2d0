import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { touchedRootKeys } from './touched-keys.js';

/** A server doc and a client doc in sync; `edit` runs on the client and returns its update. */
function setup() {
  const server = new Y.Doc();
  const client = new Y.Doc();
  const graph = client.getMap<Y.Map<unknown> | number>('graph');
  const n1 = new Y.Map<unknown>();
  n1.set('label', 'start');
  n1.set('ports', new Y.Array<string>());
  graph.set('node:1', n1);
  graph.set('node:2', 5);
  client.getText('code').insert(0, 'hello');
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  const edit = (change: () => void): Uint8Array => {
    const before = Y.encodeStateVector(client);
    change();
    return Y.encodeStateAsUpdate(client, before);
  };
  return { server, client, graph, edit };
}

const keys = (r: { keys: { root: string; key: string }[] }) => r.keys.map((k) => `${k.root}/${k.key}`).sort();

describe('touchedRootKeys', () => {
  it('finds a top-level map write (new key and overwrite)', () => {
    const { server, graph, edit } = setup();
    expect(
      keys(
        touchedRootKeys(
          server,
          edit(() => graph.set('node:3', 1)),
        ),
      ),
    ).toEqual(['graph/node:3']);
    expect(
      keys(
        touchedRootKeys(
          server,
          edit(() => graph.set('node:2', 6)),
        ),
      ),
    ).toEqual(['graph/node:2']);
  });

  it('traces nested changes to the root key they live under', () => {
    const { server, graph, edit } = setup();
    const n1 = graph.get('node:1') as Y.Map<unknown>;
    expect(
      keys(
        touchedRootKeys(
          server,
          edit(() => n1.set('label', 'renamed')),
        ),
      ),
    ).toEqual(['graph/node:1']);
    const ports = n1.get('ports') as Y.Array<string>;
    expect(
      keys(
        touchedRootKeys(
          server,
          edit(() => ports.push(['in'])),
        ),
      ),
    ).toEqual(['graph/node:1']);
  });

  it('finds deletions', () => {
    const { server, graph, edit } = setup();
    expect(
      keys(
        touchedRootKeys(
          server,
          edit(() => graph.delete('node:2')),
        ),
      ),
    ).toEqual(['graph/node:2']);
  });

  it('ignores non-map roots', () => {
    const { server, client, edit } = setup();
    expect(
      keys(
        touchedRootKeys(
          server,
          edit(() => client.getText('code').insert(0, 'x')),
        ),
      ),
    ).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ServiceCaller, ServiceContext } from '../service.js';
import { MAX_CONSOLE_LINES, STUDIO_ROOTS, StudioService } from './studio-service.js';

const ana: ServiceCaller = { connectionId: 'c1', userId: 'ana', userName: 'Ana', role: 'editor' };

function setup() {
  const doc = new Y.Doc();
  const ctx = {
    room: 'studio:test',
    members: () => [ana, { ...ana, connectionId: 'c2' }],
    mutate: async (_author: string, change: (d: Y.Doc) => void) => {
      doc.transact(() => change(doc));
      return true;
    },
  } as unknown as ServiceContext;
  return { doc, service: new StudioService(ctx, doc) };
}

describe('StudioService', () => {
  it(`keeps the last ${MAX_CONSOLE_LINES} console lines`, async () => {
    const { doc, service } = setup();
    for (let i = 0; i < MAX_CONSOLE_LINES + 5; i++)
      await service.handle('log', { level: 'log', text: `line ${i}` }, ana);
    const lines = doc.getArray<{ text: string }>(STUDIO_ROOTS.console).toArray();
    expect(lines).toHaveLength(MAX_CONSOLE_LINES);
    expect(lines[0]?.text).toBe('line 5');
  });

  it('counts a user with two tabs once', () => {
    expect(setup().service.members()).toEqual([{ userId: 'ana', name: 'Ana', connections: 2 }]);
  });

  it('vetoes updates touching server-written roots and nothing else', async () => {
    const { doc, service } = setup();
    const client = new Y.Doc();
    const capture = (change: () => void) => {
      let update: Uint8Array | null = null;
      const on = (u: Uint8Array) => {
        update = u;
      };
      client.once('update', on);
      change();
      return update as unknown as Uint8Array;
    };
    expect(
      service.vetoUpdate(
        capture(() => client.getMap('graph').set('node:1', 1)),
        ana,
      ),
    ).toBeNull();
    expect(
      service.vetoUpdate(
        capture(() => client.getMap(STUDIO_ROOTS.timeline).set('time', 1)),
        ana,
      ),
    ).toMatch(/studio\.timeline is written by the server/);
    // Deleting a line the server wrote is refused too.
    await service.handle('log', { level: 'info', text: 'hi' }, ana);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    expect(
      service.vetoUpdate(
        capture(() => client.getArray(STUDIO_ROOTS.console).delete(0, 1)),
        ana,
      ),
    ).toMatch(/studio\.console/);
  });
});

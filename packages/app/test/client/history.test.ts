/** History through the SDK on a real node: time travel, versions, diff, restore, replay, export. */
import type { Room } from '@ensemble/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../../src/runtime/node.js';
import { startTestNode, TEST_SECRET } from '../../src/test-support/node.js';
import { testClients } from './support.js';

const tick = (ms = 15) => new Promise((r) => setTimeout(r, ms));

describe('history, time travel and replay', () => {
  let node: EnsembleNode;
  const clients = testClients(() => node.url);
  let ana: Room;
  let bo: Room;
  const moments: { at: Date; graph: unknown; code: string }[] = [];

  /** Makes one edit, waits until it is stored, and remembers what the document looked like then. */
  const step = async (room: Room, change: () => void) => {
    change();
    await room.whenSaved();
    await tick();
    moments.push({
      at: new Date(),
      graph: ana.doc.getMap('graph').toJSON(),
      code: ana.doc.getText('code').toString(),
    });
    await tick();
  };

  beforeAll(async () => {
    node = await startTestNode({ jwtSecret: TEST_SECRET });
    ana = await clients.join('ana', 'hist:1');
    bo = await clients.join('bo', 'hist:1');
    await step(ana, () => ana.doc.getMap('graph').set('node:1', { label: 'start' }));
    await step(ana, () => ana.doc.getText('code').insert(0, 'let x = 1;'));
    await step(bo, () => bo.doc.getMap('graph').set('node:2', { label: 'end' }));
    await step(bo, () => bo.doc.getText('code').insert(8, '41 + '));
    await step(ana, () => ana.doc.getMap('graph').delete('node:1'));
    // Both clients see everything before the assertions start.
    while (ana.doc.getMap('graph').size !== 1 || bo.doc.getText('code').toString() !== 'let x = 41 + 1;')
      await tick();
  });
  afterAll(async () => {
    clients.closeAll();
    await node?.close();
  });

  it('reconstructs the document exactly as it was at every moment', async () => {
    for (const moment of moments) {
      const past = await ana.history.at(moment.at);
      expect(past.json.graph ?? {}).toEqual(moment.graph);
      expect(past.json.code ?? '').toBe(moment.code);
      expect(past.doc.getText('code').toString()).toBe(moment.code);
    }
  });

  it('diffs two versions with attribution', async () => {
    const diff = await ana.history.diff(moments[0]!.at, moments[3]!.at);
    expect(diff.authors).toEqual(['ana', 'bo']);
    expect(diff.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ root: 'graph', key: 'node:2', change: 'added', by: ['bo'] }),
        expect.objectContaining({ root: 'code', kind: 'text', change: 'added' }),
      ]),
    );
  });

  it('saves named versions and restores one as a new forward edit', async () => {
    const v = await ana.history.saveVersion('before cleanup');
    expect(v).toMatchObject({ name: 'before cleanup', author: 'ana' });
    expect((await bo.history.versions()).map((x) => x.name)).toContain('before cleanup');

    const result = await bo.history.restore(moments[1]!.at);
    expect(result.changed).toBe(true);
    while (ana.doc.getText('code').toString() !== 'let x = 1;') await tick();
    expect(ana.doc.getMap('graph').toJSON()).toEqual(moments[1]!.graph);
    // History was not rewritten: the pre-restore state is still reachable.
    const beforeRestore = await ana.history.at({ seq: v.seq });
    expect(beforeRestore.json.code).toBe('let x = 41 + 1;');
  });

  it('replays every update in order into a separate document', async () => {
    const replay = await bo.history.replay({ to: moments[4]!.at, speed: 50 });
    expect(replay.count).toBe(5);
    const seen: string[] = [];
    replay.doc.getText('code').observe(() => seen.push(replay.doc.getText('code').toString()));
    await replay.done;
    expect(seen).toEqual(['let x = 1;', 'let x = 41 + 1;']);
    expect(replay.doc.getMap('graph').toJSON()).toEqual(moments[4]!.graph);
  });

  it('exports the history as JSON with authors and times', async () => {
    const exported = await ana.history.export();
    expect(exported.updates.length).toBeGreaterThanOrEqual(6);
    expect(exported.updates.slice(0, 5).map((u) => u.author)).toEqual(['ana', 'ana', 'bo', 'bo', 'ana']);
    expect(new Date(exported.updates[0]!.at).getTime()).toBeLessThanOrEqual(moments[0]!.at.getTime());
  });

  it('explains bad requests', async () => {
    await expect(ana.history.at('not a date')).rejects.toThrow();
    await expect(ana.connection.request('history', 'at', { time: 'x', seq: 1 })).rejects.toMatchObject({
      code: 'ENSEMBLE_BAD_REQUEST',
    });
  });
});

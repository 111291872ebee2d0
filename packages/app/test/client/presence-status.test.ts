/**
 * Presence status across SDK clients on a real node: derived `editing`, a status set by the client,
 * typing indicators, and `away` after inactivity (short timeouts configured for the test).
 */
import type { PresenceStatus, PresenceUser, Room } from '@ensemble/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../../src/runtime/node.js';
import { startTestNode, TEST_SECRET } from '../../src/test-support/node.js';
import { until } from '../support.js';
import { testClients } from './support.js';

describe('presence status', () => {
  let node: EnsembleNode;
  const clients = testClients(() => node.url);
  let ana: Room;
  let bo: Room;
  /** Every status Bo was told about for Ana, in order (events arrive in order however slow we are). */
  const anaStatuses: PresenceStatus[] = [];
  let anaTyping: (PresenceUser['typing'] | undefined)[] = [];

  const join = (sub: string) => clients.join(sub, 'presence:1');

  beforeAll(async () => {
    node = await startTestNode({
      jwtSecret: TEST_SECRET,
      presenceIdleMs: 1_500,
      presenceAwayMs: 3_000,
      presenceRemoveMs: 60_000,
    });
    ana = await join('ana');
    bo = await join('bo');
    bo.connection.events.on('service', (event) => {
      if (event.service !== 'presence' || event.name !== 'presence') return;
      const user = (event.body as { users: PresenceUser[] }).users.find((u) => u.userId === 'ana');
      if (user && user.status !== anaStatuses.at(-1)) anaStatuses.push(user.status);
      anaTyping.push(user?.typing);
    });
    await until(() => bo.presence.users().length === 2, 'bo sees both users');
  }, 60_000);

  afterAll(async () => {
    clients.closeAll();
    await node?.close();
  });

  it('lists one entry per user with the server’s status', async () => {
    expect(bo.presence.users().map((u) => [u.userName, u.connections])).toEqual([
      ['ANA', 1],
      ['BO', 1],
    ]);
    expect(ana.presence.user()?.userId).toBe('ana');
  });

  it('derives editing from edits and shows it to others', async () => {
    ana.doc.getMap('graph').set('node:7', { label: 'mixer' });
    await until(() => anaStatuses.includes('editing'), 'bo sees ana editing');
  });

  it('shows a status the client set, and typing indicators', async () => {
    anaTyping = [];
    ana.presence.typing('node:7');
    await until(() => anaTyping.some((t) => t?.where === 'node:7'), 'bo sees ana typing in node:7');
    ana.presence.stopTyping();
    await until(() => anaTyping.at(-1) === null, 'typing ends for bo');
    const me = await ana.presence.setStatus('running');
    expect(me).toMatchObject({ status: 'running', source: 'manual' });
    await until(() => bo.presence.user('ana')?.status === 'running', 'bo sees ana running');
    // Awareness-based others carry the server view when the app names its user in presence.
    ana.presence.set({ user: { id: 'ana', name: 'ANA' }, cursor: { x: 1, y: 2 } });
    await until(() => bo.presence.others()[0]?.user?.status === 'running', 'others() carries the status');
  });

  it('turns an inactive user away (even one who set a status)', async () => {
    await until(() => anaStatuses.at(-1) === 'away', 'bo sees ana away', 20_000);
    expect(anaStatuses).toEqual(expect.arrayContaining(['editing', 'running', 'away']));
    expect(anaStatuses.indexOf('editing')).toBeLessThan(anaStatuses.indexOf('running'));
    expect(anaStatuses.indexOf('running')).toBeLessThan(anaStatuses.lastIndexOf('away'));
  }, 30_000);

  it('refuses a bad status with a clear error', async () => {
    await expect(ana.presence.setStatus('sleeping' as PresenceStatus)).rejects.toThrow(
      /invalid presence request: status/,
    );
  });
});

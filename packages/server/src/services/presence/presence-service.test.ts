import { describe, expect, it } from 'vitest';
import { fakeRoom, sockets } from '../test-support/fake-context.js';
import { PresenceService, type PresenceUser } from './presence-service.js';
import { DEFAULT_PRESENCE_TIMINGS, deriveStatus } from './status.js';

const t = { idleAfterMs: 60_000, awayAfterMs: 300_000, removeAfterMs: 1_800_000, typingTimeoutMs: 5_000 };

function setup() {
  const room = fakeRoom();
  const service = new PresenceService(room.ctx, { ...t, now: room.now, broadcastDelayMs: 50 });
  const { join, leave, edit } = sockets(room, service);
  const lastList = () =>
    (room.events.filter((e) => e.name === 'presence').at(-1)?.body as { users: PresenceUser[] })?.users;
  const statuses = () => Object.fromEntries(service.list().map((u) => [u.userId, u.status]));
  return { room, service, join, leave, edit, lastList, statuses };
}

describe('deriveStatus', () => {
  const base = { manual: null, lastActiveAt: 0, lastEditAt: null, typingUntil: null };
  it('goes editing → idle → away → gone as time passes without activity', () => {
    const marks = { ...base, lastEditAt: 0 };
    expect(deriveStatus(marks, 59_999, DEFAULT_PRESENCE_TIMINGS)).toBe('editing');
    expect(deriveStatus(marks, 60_000, DEFAULT_PRESENCE_TIMINGS)).toBe('idle');
    expect(deriveStatus(marks, 300_000, DEFAULT_PRESENCE_TIMINGS)).toBe('away');
    expect(deriveStatus(marks, 1_800_000, DEFAULT_PRESENCE_TIMINGS)).toBe('gone');
  });
  it('keeps a status the user set until they are inactive long enough to be away', () => {
    const marks = { ...base, manual: 'running' as const };
    expect(deriveStatus(marks, 200_000, DEFAULT_PRESENCE_TIMINGS)).toBe('running');
    expect(deriveStatus(marks, 300_000, DEFAULT_PRESENCE_TIMINGS)).toBe('away');
  });
  it('counts typing as editing until the indicator expires', () => {
    expect(deriveStatus({ ...base, typingUntil: 5_000 }, 4_999, DEFAULT_PRESENCE_TIMINGS)).toBe('editing');
    expect(deriveStatus({ ...base, typingUntil: 5_000 }, 5_000, DEFAULT_PRESENCE_TIMINGS)).toBe('idle');
  });
});

describe('PresenceService', () => {
  it('derives editing from edits, then idle, away and removal on the clock alone', () => {
    const { room, join, edit, lastList, statuses } = setup();
    join('ana');
    join('bo');
    room.advance(50);
    expect(lastList().map((u) => [u.userName, u.status])).toEqual([
      ['Ana', 'idle'],
      ['Bo', 'idle'],
    ]);
    edit('ana');
    room.advance(50);
    expect(lastList().find((u) => u.userId === 'ana')!.status).toBe('editing');

    room.advance(t.idleAfterMs - 50);
    expect(statuses()).toEqual({ ana: 'idle', bo: 'idle' });
    expect(lastList().find((u) => u.userId === 'ana')!.status).toBe('idle');

    // Bo has done nothing since joining: away first, then off the list; Ana follows later.
    room.advance(t.awayAfterMs - t.idleAfterMs - 50);
    expect(lastList().find((u) => u.userId === 'bo')!.status).toBe('away');
    expect(lastList().find((u) => u.userId === 'ana')!.status).toBe('idle');
    room.advance(t.removeAfterMs - t.awayAfterMs);
    expect(lastList().map((u) => u.userId)).toEqual(['ana']);
    room.advance(10_000);
    expect(lastList()).toEqual([]);
  });

  it('brings a removed user back when they are active again', () => {
    const { room, service, join, lastList } = setup();
    const ana = join('ana');
    room.advance(t.removeAfterMs + 1);
    expect(lastList()).toEqual([]);
    service.handle('touch', {}, ana);
    room.advance(50);
    expect(lastList()).toMatchObject([{ userId: 'ana', status: 'idle' }]);
  });

  it('lets the client set a status; edits end a manual idle/away but not running', () => {
    const { room, service, join, edit, lastList } = setup();
    const ana = join('ana');
    expect(service.handle('setStatus', { status: 'running' }, ana)).toMatchObject({
      user: { status: 'running', source: 'manual' },
    });
    edit('ana');
    room.advance(50);
    expect(lastList()[0]).toMatchObject({ status: 'running', source: 'manual' });
    service.handle('setStatus', { status: 'away' }, ana);
    room.advance(50);
    expect(lastList()[0]).toMatchObject({ status: 'away', source: 'manual' });
    edit('ana');
    room.advance(50);
    expect(lastList()[0]).toMatchObject({ status: 'editing', source: 'derived' });
    service.handle('setStatus', { status: null }, ana);
    expect(() => service.handle('setStatus', { status: 'sleeping' }, ana)).toThrow(
      /invalid presence request/,
    );
  });

  it('shows typing indicators that expire unless renewed', () => {
    const { room, service, join, lastList } = setup();
    const ana = join('ana');
    service.handle('typing', { on: true, where: 'node:7' }, ana);
    room.advance(50);
    expect(lastList()[0]).toMatchObject({ typing: { where: 'node:7' }, status: 'editing' });
    room.advance(4_000);
    service.handle('typing', { on: true, where: 'node:7' }, ana);
    room.advance(4_000);
    expect(lastList()[0]!.typing).toEqual({ where: 'node:7' });
    room.advance(1_000);
    expect(lastList()[0]!.typing).toBeNull();
    service.handle('typing', { on: true }, ana);
    service.handle('typing', { on: false }, ana);
    room.advance(50);
    expect(lastList()[0]!.typing).toBeNull();
    expect(() => service.handle('typing', { on: 'yes' }, ana)).toThrow(/invalid presence request: on/);
  });

  it('keeps one entry per user across tabs and coalesces a burst into one event', () => {
    const { room, join, leave, edit, lastList } = setup();
    const tab1 = join('ana', 'c1');
    join('ana', 'c2');
    for (let i = 0; i < 20; i++) edit('ana');
    room.advance(50);
    expect(room.events.filter((e) => e.name === 'presence')).toHaveLength(1);
    expect(lastList()).toMatchObject([{ userId: 'ana', connections: 2, status: 'editing' }]);
    leave(tab1);
    room.advance(50);
    expect(lastList()).toMatchObject([{ userId: 'ana', connections: 1 }]);
  });

  it('lets an edit burst of someone already editing cost no evaluation, yet turns idle on time', () => {
    const { room, join, edit, lastList, statuses } = setup();
    join('ana');
    join('bo');
    edit('ana');
    room.advance(50);
    expect(lastList().find((u) => u.userId === 'ana')!.status).toBe('editing');
    const presenceEvents = () => room.events.filter((e) => e.name === 'presence').length;
    const eventsBefore = presenceEvents();
    let timers = 0;
    const setTimer = room.ctx.setTimer;
    room.ctx.setTimer = (fn, ms) => {
      timers++;
      return setTimer(fn, ms);
    };

    // 100 s of edits every 500 ms: longer than idleAfterMs, so the tick armed for the first edit
    // fires in the middle of the burst and must re-arm for the latest edit instead of going idle.
    for (let i = 0; i < 200; i++) {
      edit('ana');
      room.advance(500);
      expect(statuses().ana).toBe('editing');
    }
    expect(presenceEvents()).toBe(eventsBefore);
    // One re-armed tick (at the first edit's idle moment), not one evaluation per edit.
    expect(timers).toBe(1);
    expect(lastList().find((u) => u.userId === 'ana')!.status).toBe('editing');

    // The last edit was 500 ms ago: idle exactly idleAfterMs after it, and announced once.
    room.advance(t.idleAfterMs - 500 - 1);
    expect(lastList().find((u) => u.userId === 'ana')!.status).toBe('editing');
    room.advance(1);
    expect(statuses().ana).toBe('idle');
    expect(lastList().find((u) => u.userId === 'ana')!.status).toBe('idle');
    expect(presenceEvents()).toBe(eventsBefore + 1);

    // Editing again after idle is a visible change: announced.
    edit('ana');
    room.advance(50);
    expect(lastList().find((u) => u.userId === 'ana')!.status).toBe('editing');
  });

  it('does not broadcast when nothing visible changed', () => {
    const { room, service, join } = setup();
    const ana = join('ana');
    room.advance(50);
    const before = room.events.length;
    service.handle('touch', {}, ana);
    room.advance(50);
    expect(room.events.length).toBe(before);
  });

  it('drops a user whose last socket left', () => {
    const { room, join, leave, lastList } = setup();
    const ana = join('ana');
    join('bo');
    room.advance(50);
    leave(ana);
    room.advance(50);
    expect(lastList().map((u) => u.userId)).toEqual(['bo']);
  });
});

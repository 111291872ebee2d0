/**
 * A ServiceContext for unit tests (not exported from the package, not built): a manual clock with
 * timers that fire when the test advances it, recorded broadcasts, a settable member list and sibling
 * services.
 */
import type { RoomService, ServiceCaller, ServiceContext } from '../service.js';

export interface FakeRoom {
  ctx: ServiceContext;
  now(): number;
  /** Moves the clock forward, firing due timers in time order (timers they set fire too if due). */
  advance(ms: number): void;
  events: { name: string; body: unknown }[];
  sent: { connectionId: string; name: string; body: unknown }[];
  members: ServiceCaller[];
  peers: Map<string, RoomService>;
  lastSeq: number;
}

export const caller = (
  id: string,
  connectionId = `c-${id}`,
  role: ServiceCaller['role'] = 'editor',
): ServiceCaller => ({ connectionId, userId: id, userName: id[0]!.toUpperCase() + id.slice(1), role });

export interface FakeRoomOptions {
  /** The room name services see (`ctx.room`); tests sharing one store use one room each. */
  room?: string;
  /** The clock's first reading, in ms since the epoch. */
  start?: number;
}

export function fakeRoom({
  room: name = 'room:test',
  start = Date.parse('2025-03-01T10:00:00.000Z'),
}: FakeRoomOptions = {}): FakeRoom {
  let now = start;
  let order = 0;
  const timers: { at: number; order: number; fn: () => void; done: boolean }[] = [];
  const room: FakeRoom = {
    now: () => now,
    events: [],
    sent: [],
    members: [],
    peers: new Map(),
    lastSeq: 0,
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers
          .filter((t) => !t.done && t.at <= end)
          .sort((a, b) => a.at - b.at || a.order - b.order)[0];
        if (!due) break;
        now = Math.max(now, due.at);
        due.done = true;
        due.fn();
      }
      now = end;
    },
    ctx: {
      room: name,
      broadcast: (name, body) => room.events.push({ name, body: structuredClone(body) }),
      setTimer: (fn, ms) => {
        const timer = { at: now + Math.max(0, ms), order: order++, fn, done: false };
        timers.push(timer);
        return () => {
          timer.done = true;
        };
      },
      sendTo: (connectionId, name, body) => {
        room.sent.push({ connectionId, name, body });
        return true;
      },
      flush: async () => undefined,
      lastSeq: () => room.lastSeq,
      mutate: async () => false,
      members: () => [...room.members],
      peer: <T extends RoomService>(name: string) => room.peers.get(name) as T | undefined,
    },
  };
  return room;
}

/**
 * Sockets coming and going for `service` the way the sync engine reports them, with `room.members`
 * kept in step, and `edit`: an update applied by a user (the bytes do not matter to these services).
 */
export function sockets(room: FakeRoom, service: RoomService) {
  const join = (id: string, connectionId = `c-${id}`) => {
    const c = caller(id, connectionId);
    room.members.push(c);
    service.onJoin?.(c);
    return c;
  };
  const leave = (c: ServiceCaller) => {
    room.members.splice(room.members.indexOf(c), 1);
    service.onLeave?.(c);
  };
  const edit = (id: string) => service.onApplied?.(new Uint8Array(), { userId: id, caller: caller(id) });
  return { join, leave, edit };
}

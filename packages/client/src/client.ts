import { ActivityApi } from './activity.js';
import { AssistantApi } from './assistant.js';
import { ChatApi } from './chat.js';
import { EventsApi } from './events.js';
import { HistoryApi } from './history.js';
import { LocksApi } from './locks.js';
import { canKeepLocalCopy, indexedDbCopy, type LocalCopyFactory, localCopyName } from './offline.js';
import { PresenceApi } from './presence.js';
import { type RoomConnection as Connection, RoomConnection, type RoomStatus } from './room.js';
import { DEFAULT_RATES } from './throttle.js';
import type { SocketFactory } from './transport.js';

export interface ClientOptions {
  /** Base URL of the sync endpoint, e.g. `ws://localhost:4400/sync`. */
  url: string;
  /** JWT; omit in dev mode to join as an anonymous editor. */
  token?: string;
  /** WebSocket implementation; defaults to the global one (browsers). In Node 20 pass `ws`. */
  WebSocket?: SocketFactory;
  /** Client-side rates in Hz (defaults: cursor 30, graph 10, timeline 20). */
  rates?: Partial<typeof DEFAULT_RATES>;
  /**
   * Where rooms joined with `offline: true` keep their copy; default: IndexedDB (y-indexeddb) where
   * it exists. Give one to keep copies elsewhere (a file in Node, a test double).
   */
  localCopy?: (room: string) => LocalCopyFactory;
}

export interface RoomJoinOptions {
  /**
   * Keep a copy of the document in the browser (IndexedDB, via y-indexeddb): edits made offline
   * survive a reload and reach the server when the connection is back. Ignored where IndexedDB does
   * not exist (Node) unless the client has a `localCopy`. Options only apply when the room is first
   * joined.
   */
  offline?: boolean;
}

/** A joined room: its document plus presence, locks and events. */
export interface Room {
  readonly name: string;
  readonly connection: Connection;
  readonly presence: PresenceApi;
  readonly locks: LocksApi;
  readonly events: EventsApi;
  readonly history: HistoryApi;
  readonly chat: ChatApi;
  readonly activity: ActivityApi;
  readonly assistant: AssistantApi;
  readonly doc: Connection['doc'];
  readonly status: RoomStatus;
  /** Subscribe to any change of status, presence, locks or document object; returns unsubscribe. */
  subscribe(listener: () => void): () => void;
  whenSynced(): Promise<void>;
  whenSaved(): Promise<void>;
  /** Whether this room keeps a local copy (`offline: true` where IndexedDB exists). */
  readonly offline: boolean;
  /** Resolves once the local copy is loaded into `doc` (at once without one); works offline. */
  whenLocalLoaded(): Promise<void>;
  leave(): void;
}

export interface EnsembleClient {
  room(name: string, options?: RoomJoinOptions): Room;
  readonly rates: typeof DEFAULT_RATES;
  close(): void;
}

/**
 * @example
 * const client = createClient({ url: 'ws://localhost:4400/sync', token });
 * const room = client.room('project:7');
 * await room.whenSynced();
 * room.doc.getText('code').insert(0, 'hello');
 * await room.whenSaved();
 */
export function createClient(options: ClientOptions): EnsembleClient {
  const WebSocketImpl = options.WebSocket ?? (globalThis as { WebSocket?: SocketFactory }).WebSocket;
  if (!WebSocketImpl)
    throw new Error('no WebSocket implementation: pass { WebSocket } (e.g. from "ws") in Node');
  const rates = { ...DEFAULT_RATES, ...options.rates };
  const rooms = new Map<string, Room>();

  const join = (name: string, joinOptions: RoomJoinOptions): Room => {
    const localCopy = !joinOptions.offline
      ? undefined
      : options.localCopy
        ? options.localCopy(name)
        : canKeepLocalCopy()
          ? indexedDbCopy(localCopyName(options.url, name))
          : undefined;
    const offline = localCopy !== undefined;
    const connection = new RoomConnection({
      url: options.url,
      name,
      token: options.token,
      WebSocket: WebSocketImpl,
      ...(localCopy ? { localCopy } : {}),
    });
    const locks = new LocksApi(connection);
    const room: Room = {
      name,
      connection,
      presence: new PresenceApi(connection, rates.cursor),
      locks,
      events: new EventsApi(connection),
      history: new HistoryApi(connection),
      chat: new ChatApi(connection),
      activity: new ActivityApi(connection),
      assistant: new AssistantApi(connection),
      get doc() {
        return connection.doc;
      },
      get status() {
        return connection.status;
      },
      subscribe: (listener) => connection.events.on('change', listener),
      whenSynced: () => connection.whenSynced(),
      whenSaved: () => connection.whenSaved(),
      offline,
      whenLocalLoaded: () => connection.whenLocalLoaded(),
      leave() {
        locks.stopAll();
        connection.close();
        rooms.delete(name);
      },
    };
    return room;
  };

  return {
    rates,
    room(name, joinOptions = {}) {
      let room = rooms.get(name);
      if (!room) {
        room = join(name, joinOptions);
        rooms.set(name, room);
      }
      return room;
    },
    close() {
      for (const room of [...rooms.values()]) room.leave();
    },
  };
}

import type { Role } from '@ensemble/protocol';

/** Who is calling a room service: one socket of one user. */
export interface ServiceCaller {
  connectionId: string;
  userId: string;
  userName: string;
  role: Role;
}

/** What a service may do in its room. */
export interface ServiceContext {
  readonly room: string;
  /**
   * Sends an event to every Ensemble client of the room (plain y-websocket clients never see it), on
   * every node of a cluster; `'node'` keeps it to this node's sockets (each node says it itself).
   */
  broadcast(name: string, body: unknown, scope?: 'cluster' | 'node'): void;
  /** Runs `fn` later without keeping the process alive; cancelled when the room unloads. */
  setTimer(fn: () => void, ms: number): () => void;
  /** Sends an event to one socket; false if it is gone. */
  sendTo(connectionId: string, name: string, body: unknown): boolean;
  /** Resolves when every accepted update so far is in the log. */
  flush(): Promise<void>;
  /** Newest update-log sequence number committed for this room. */
  lastSeq(): number;
  /** Changes the live document as `author` (broadcast and logged); resolves once durable. */
  mutate(author: string, change: (doc: import('yjs').Doc) => void): Promise<boolean>;
  /** Everyone connected to the room right now (one entry per socket). */
  members(): ServiceCaller[];
  /** Another service of the same room (e.g. the assistant reading chat), or undefined. */
  peer<T extends RoomService = RoomService>(name: string): T | undefined;
}

/** Who authored an applied update: a socket's caller, or a REST / server author id. */
export interface UpdateAuthor {
  userId: string;
  /** The socket's caller when the update came over WebSocket. */
  caller?: ServiceCaller;
}

/**
 * A room service (locks, events, presence…): answers requests from sockets and REST, reacts to
 * members leaving, and may veto document updates (lock enforcement).
 */
export interface RoomService {
  readonly name: string;
  /** Answers one request; throws EnsembleError for a refusal the caller should see. */
  handle(method: string, params: unknown, caller: ServiceCaller): unknown | Promise<unknown>;
  /** A socket joined the room (after the room loaded). */
  onJoin?(caller: ServiceCaller): void;
  onLeave?(caller: ServiceCaller): void;
  /** An update changed the document (from a socket, REST or `mutate`); not called for no-ops. */
  onApplied?(update: Uint8Array, author: UpdateAuthor): void;
  /** A reason to refuse `update` from `caller`, or null to allow it. */
  vetoUpdate?(update: Uint8Array, caller: ServiceCaller): string | null;
  /** The same service on another node of the cluster broadcast `name` (e.g. to keep a lock mirror). */
  onClusterEvent?(name: string, body: unknown): void;
  /** The room is unloading (idle, or shutdown): finish buffered writes. Awaited before `destroy`. */
  beforeUnload?(): Promise<void>;
  destroy?(): void;
}

export type ServiceFactory = (context: ServiceContext, doc: import('yjs').Doc) => RoomService;

/**
 * What the activity service offers its sibling services (`ctx.peer<ActivitySink>('activity')`):
 * chat, locks, history and events record what happened without depending on how it is stored.
 */
export interface ActivitySink {
  record(entry: ActivityInput): void;
}

export interface ActivityInput {
  /** `joined`, `left`, `edited`, `saved`, `locked`, `unlocked`, `chat`, `run`, `build`… */
  type: string;
  userId: string;
  userName: string;
  /** Small JSON detail, e.g. `{ resource: 'node:7' }` or `{ messageId }`. */
  data?: Record<string, unknown>;
}

/** A chat message as other services (the assistant, exports) read it. */
export interface ChatLine {
  id: string;
  userId: string;
  userName: string;
  text: string;
  at: string;
}

/** What the chat service offers its siblings (`ctx.peer<ChatReader>('chat')`). */
export interface ChatReader {
  recentMessages(limit: number): Promise<ChatLine[]>;
}

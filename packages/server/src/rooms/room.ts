import {
  EnsembleError,
  ErrorCode,
  ExtensionType,
  encodeAwarenessUpdate,
  encodeExtension,
  encodeSync,
  SyncStep,
} from '@ensemble/protocol';
import * as Y from 'yjs';
import type { Cluster } from '../cluster/cluster.js';
import type { LinkedRoom, RoomLink } from '../cluster/room-link.js';
import type { SyncLimits } from '../limits/limits.js';
import type { GroupCommitter } from '../persistence/group-commit.js';
import type { StoredRoom, UpdateStore } from '../persistence/update-store.js';
import type {
  RoomService,
  ServiceCaller,
  ServiceContext,
  ServiceFactory,
  UpdateAuthor,
} from '../services/service.js';
import { AwarenessRelay, type AwarenessVerdict } from './awareness-relay.js';
import { SyncAnswers } from './sync-answer.js';
import { UpdateRelay } from './update-relay.js';

/** What a room needs to know about a socket; implemented by sync/connection.ts. */
export interface RoomMember {
  readonly id: string;
  readonly author: string;
  /** Said Hello: may receive extension frames (SPEC 4.1). */
  readonly ensemble: boolean;
  readonly caller: ServiceCaller;
  send(frame: Uint8Array): void;
  /** Every update this member sent up to `upTo` is durable (SPEC 4.4). */
  saved(upTo: number): void;
  /** Its send buffer is so full that awareness relays skip it for now (SPEC 3.5a). */
  readonly backlogged?: boolean;
}

/** How often a socket that missed awareness relays is checked for a catch-up frame. */
const AWARENESS_CATCH_UP_MS = 100;

export interface RoomDeps {
  store: UpdateStore;
  committer: GroupCommitter;
  limits: SyncLimits;
  onError: (error: unknown, context: string) => void;
  onUpdateApplied?: (bytes: number) => void;
  services?: ServiceFactory[];
  /** Set when this node is one of several (Redis): the room fans out and repairs through it. */
  cluster?: Cluster;
}

/** Origin of updates another node accepted: relayed to local sockets, never logged or republished. */
const REMOTE = Symbol('remote');

/** Log rows read per query when re-syncing from the store. */
const CATCH_UP_BATCH = 5_000;

export type ApplyResult = 'applied' | 'noop' | 'malformed';

/**
 * One loaded document: the Y.Doc, its sockets, its awareness, and the bookkeeping that makes every
 * accepted update durable before it is acknowledged.
 */
export class Room implements LinkedRoom {
  readonly doc: Y.Doc;
  readonly members = new Set<RoomMember>();
  readonly awareness: AwarenessRelay;
  private readonly updates: UpdateRelay;
  private lastSeq: number;
  private loggedSinceSnapshot = 0;
  private snapshotting: Promise<void> | undefined;
  private destroyed = false;
  readonly services = new Map<string, RoomService>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Cluster only: every logged update up to this sequence number is in `doc`. */
  private syncedSeq: number;
  /** Cluster only: link sequence number of the newest update this node published. */
  private lastPublished = 0;

  private constructor(
    readonly name: string,
    stored: StoredRoom,
    private readonly deps: RoomDeps,
    private readonly link?: RoomLink,
  ) {
    this.doc = new Y.Doc({ gc: true });
    this.lastSeq = stored.lastSeq;
    this.syncedSeq = stored.lastSeq;
    // Apply everything before any listener exists: loading is not an edit (SPEC 3.1).
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    if (parts.length > 0) Y.applyUpdate(this.doc, parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts));
    this.loggedSinceSnapshot = stored.updates.length;
    this.updates = new UpdateRelay(
      (frame, except) => this.sendToMembers(frame, except),
      () => this.members.size,
      deps.limits,
    );
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.broadcastUpdate(update, origin));
    this.awareness = new AwarenessRelay(
      (frame) => this.broadcastAwareness(frame),
      // A large room widens the window like the update relay does: fewer, fuller frames.
      () =>
        Math.max(
          deps.limits.awarenessIntervalMs,
          Math.min(
            (this.members.size / deps.limits.relayFramesPerSecond) * 1000,
            deps.limits.maxBatchDelayMs,
          ),
        ),
      deps.limits.awarenessTimeoutMs,
    );
    for (const factory of deps.services ?? []) {
      let serviceName = '';
      const context: ServiceContext = {
        room: name,
        broadcast: (event, body, scope) => this.broadcastEvent(serviceName, event, body, scope),
        setTimer: (fn, ms) => this.setTimer(fn, ms),
        sendTo: (connectionId, event, body) => {
          this.flushUpdatesForEvents();
          for (const member of this.members) {
            if (member.id !== connectionId || !member.ensemble) continue;
            member.send(
              encodeExtension({
                type: ExtensionType.Event,
                service: serviceName,
                name: event,
                body: JSON.stringify(body),
              }),
            );
            return true;
          }
          return false;
        },
        flush: () => this.deps.committer.flush(),
        lastSeq: () => this.lastSeq,
        mutate: (author, change) =>
          new Promise<boolean>((resolve) => {
            const changed = this.mutate(author, change, () => resolve(changed));
          }),
        members: () => [...this.members].map((member) => member.caller),
        peer: <T extends RoomService>(peerName: string) => this.services.get(peerName) as T | undefined,
      };
      const service = factory(context, this.doc);
      serviceName = service.name;
      this.services.set(service.name, service);
    }
    link?.bind(this);
  }

  /** Calls a room service on behalf of a socket or a REST caller. */
  async call(serviceName: string, method: string, params: unknown, caller: ServiceCaller): Promise<unknown> {
    const service = this.services.get(serviceName);
    if (!service) throw new EnsembleError(ErrorCode.NotFound, `room service ${serviceName} does not exist`);
    return service.handle(method, params, caller);
  }

  /** The first service objection to `update` from `caller` (lock enforcement), or null. */
  vetoReason(update: Uint8Array, caller: ServiceCaller): string | null {
    for (const service of this.services.values()) {
      let reason: string | null | undefined;
      try {
        reason = service.vetoUpdate?.(update, caller);
      } catch {
        // An update that does not even decode is refused by applyUpdate with its own reason.
        return null;
      }
      if (reason) return reason;
    }
    return null;
  }

  /** A member joined: services learn of it (presence, activity). */
  join(member: RoomMember): void {
    this.members.add(member);
    this.notify((service) => service.onJoin?.(member.caller), 'join');
  }

  /** A member left: services release what it held (hard locks after their grace period). */
  leave(member: RoomMember): void {
    this.members.delete(member);
    this.awarenessBehind.delete(member);
    const removed = this.awareness.removeOwner(member);
    if (this.link && removed.length > 0) this.link.publishAwareness(encodeAwarenessUpdate(removed));
    this.notify((service) => service.onLeave?.(member.caller), 'leave');
  }

  /** Calls every service; one service failing must not stop the others or the room. */
  private notify(hook: (service: RoomService) => void, what: string): void {
    for (const service of this.services.values()) {
      try {
        hook(service);
      } catch (error) {
        this.deps.onError(error, `${service.name} ${what} hook in room ${this.name}`);
      }
    }
  }

  private broadcastEvent(service: string, name: string, body: unknown, scope?: 'cluster' | 'node'): void {
    const json = JSON.stringify(body);
    const frame = encodeExtension({ type: ExtensionType.Event, service, name, body: json });
    this.flushUpdatesForEvents();
    for (const member of this.members) if (member.ensemble) member.send(frame);
    if (scope !== 'node') this.link?.publishEvent(service, name, json);
  }

  /** An awareness update from a local socket; accepted entries also go to the other nodes. */
  receiveAwareness(member: RoomMember, update: Uint8Array): AwarenessVerdict {
    const verdict = this.awareness.receive(member, update);
    if (this.link && verdict.entries.length > 0) {
      this.link.publishAwareness(encodeAwarenessUpdate(verdict.entries));
    }
    return verdict;
  }

  // LinkedRoom: what other nodes send through the cluster link.

  applyRemoteUpdate(update: Uint8Array): void {
    if (this.destroyed) return;
    try {
      // The doc's update listener relays only what is new here to the local sockets.
      Y.applyUpdate(this.doc, update, REMOTE);
    } catch (error) {
      this.deps.onError(error, `applying a remote update to room ${this.name}`);
    }
  }

  applyRemoteAwareness(owner: object, update: Uint8Array): void {
    if (!this.destroyed) this.awareness.receiveRemote(owner, update);
  }

  deliverRemoteEvent(service: string, name: string, body: string): void {
    if (this.destroyed) return;
    const frame = encodeExtension({ type: ExtensionType.Event, service, name, body });
    this.flushUpdatesForEvents();
    for (const member of this.members) if (member.ensemble) member.send(frame);
    const target = this.services.get(service);
    if (target?.onClusterEvent) {
      try {
        target.onClusterEvent(name, JSON.parse(body));
      } catch (error) {
        this.deps.onError(error, `${service} cluster event ${name} in room ${this.name}`);
      }
    }
  }

  /** Applies every logged update this node has not seen (a dropped frame, a reconnect). */
  async catchUp(): Promise<void> {
    if (this.deps.limits.historyRetentionMs !== undefined) {
      // Old rows may be gone (retention): the snapshot plus what follows is the whole truth.
      const stored = await this.deps.store.load(this.name);
      const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
      if (parts.length > 0) this.applyRemoteUpdate(Y.mergeUpdates(parts));
      this.syncedSeq = Math.max(this.syncedSeq, stored.lastSeq);
      return;
    }
    for (;;) {
      const rows = await this.deps.store.history(this.name, {
        afterSeq: this.syncedSeq,
        limit: CATCH_UP_BATCH,
      });
      if (this.destroyed || rows.length === 0) return;
      this.applyRemoteUpdate(Y.mergeUpdates(rows.map((row) => row.update)));
      this.syncedSeq = rows.at(-1)!.seq;
      if (rows.length < CATCH_UP_BATCH) return;
    }
  }

  private setTimer(fn: () => void, ms: number): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  static async load(name: string, deps: RoomDeps): Promise<Room> {
    // Subscribe before reading the store, so no update falls between the two.
    const link = deps.cluster?.link(name);
    try {
      await link?.ready;
      return new Room(name, await deps.store.load(name), deps, link);
    } catch (error) {
      void link?.close();
      throw error;
    }
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Frames a joining socket receives first (SPEC 3.1). */
  welcomeFrames(): Uint8Array[] {
    const frames = [encodeSync(SyncStep.Step1, Y.encodeStateVector(this.doc))];
    const awareness = this.awareness.snapshotFrame();
    if (awareness) frames.push(awareness);
    return frames;
  }

  private syncAnswers: SyncAnswers | undefined;

  /**
   * The frames answering a SyncStep1 with the diff a client with `stateVector` is missing: one
   * SyncStep2, or — when that would exceed the frame limit — chunks ending with a SyncStep2 (SPEC 3.7).
   */
  step2For(stateVector: Uint8Array): Uint8Array[] {
    this.syncAnswers ??= new SyncAnswers(this.doc, this.deps.limits.maxFrameBytes);
    return this.syncAnswers.answer(stateVector);
  }

  /**
   * Validates and applies an update from `member`, queues it for the log, and calls `onDurable` once
   * it is stored. A malformed update changes nothing (SPEC 3.2).
   */
  applyUpdate(
    member: RoomMember | null,
    update: Uint8Array,
    author: string,
    onDurable: () => void,
  ): ApplyResult {
    try {
      Y.decodeUpdate(update);
    } catch {
      return 'malformed';
    }
    let changed = false;
    const mark = () => {
      changed = true;
    };
    this.doc.on('update', mark);
    try {
      Y.applyUpdate(this.doc, update, member ?? 'api');
    } catch (error) {
      this.deps.onError(error, `applying an update to room ${this.name}`);
      return 'malformed';
    } finally {
      this.doc.off('update', mark);
    }
    // Updates waiting for missing dependencies change nothing yet but must still be stored.
    const pending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    const keep = changed || pending;
    // Exactly what is logged goes to the other nodes — an update still waiting for its
    // dependencies too, so that it is not lost when they arrive here as a remote update.
    if (keep && this.link) this.lastPublished = this.link.publishUpdate(update);
    const published = this.lastPublished;
    this.deps.committer.push({
      entry: keep ? { room: this.name, update, author } : null,
      done: (seq) => {
        this.link?.markDurable(published);
        if (seq !== null) {
          this.lastSeq = Math.max(this.lastSeq, seq);
          this.loggedSinceSnapshot++;
          this.maybeSnapshot();
        }
        onDurable();
      },
    });
    if (changed) {
      this.deps.onUpdateApplied?.(update.byteLength);
      const by: UpdateAuthor = member ? { userId: author, caller: member.caller } : { userId: author };
      this.notify((service) => service.onApplied?.(update, by), 'update');
    }
    return changed ? 'applied' : 'noop';
  }

  /**
   * Changes the document on the server's behalf (REST, bots): one transaction, broadcast to every
   * socket and logged like any other update.
   */
  mutate(author: string, change: (doc: Y.Doc) => void, onDurable: () => void): boolean {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => {
      update = update ? Y.mergeUpdates([update, u]) : u;
    };
    this.doc.on('update', capture);
    try {
      this.doc.transact(() => change(this.doc), 'api');
    } finally {
      this.doc.off('update', capture);
    }
    const changed = update !== null;
    if (update && this.link) this.lastPublished = this.link.publishUpdate(update);
    if (update) {
      const applied: Uint8Array = update;
      this.notify((service) => service.onApplied?.(applied, { userId: author }), 'update');
    }
    const published = this.lastPublished;
    this.deps.committer.push({
      entry: update ? { room: this.name, update, author } : null,
      done: (seq) => {
        this.link?.markDurable(published);
        if (seq !== null) {
          this.lastSeq = Math.max(this.lastSeq, seq);
          this.loggedSinceSnapshot++;
          this.maybeSnapshot();
        }
        onDurable();
      },
    });
    return changed;
  }

  /** Acknowledges in order without storing anything (e.g. a refused update from a viewer). */
  acknowledge(onDurable: () => void): void {
    this.deps.committer.push({ entry: null, done: () => onDurable() });
  }

  /**
   * Sends relayed updates still waiting for their batch now. Events and answers go after this, so
   * nobody sees one before the document change that preceded it (awareness need not wait).
   */
  flushUpdates(): void {
    if (this.updates.hasPending) this.updates.flush();
  }

  /**
   * Awareness is the room's most voluminous traffic and the only one that may be skipped: a socket
   * whose send buffer is full misses relays (its doc updates still queue) and gets one frame with
   * every state once it has drained (SPEC 3.5a).
   */
  private broadcastAwareness(frame: Uint8Array): void {
    for (const member of this.members) {
      if (member.backlogged) this.awarenessBehind.add(member);
      else if (!this.awarenessBehind.has(member)) member.send(frame);
    }
    this.catchUpAwareness();
  }

  private readonly awarenessBehind = new Set<RoomMember>();
  private cancelAwarenessCatchUp: (() => void) | undefined;

  private catchUpAwareness(): void {
    if (this.cancelAwarenessCatchUp || this.awarenessBehind.size === 0) return;
    let frame: Uint8Array | null | undefined;
    for (const member of this.awarenessBehind) {
      if (!this.members.has(member)) this.awarenessBehind.delete(member);
      else if (!member.backlogged) {
        this.awarenessBehind.delete(member);
        frame ??= this.awareness.catchUpFrame();
        if (frame) member.send(frame);
      }
    }
    if (this.awarenessBehind.size === 0) return;
    this.cancelAwarenessCatchUp = this.setTimer(() => {
      this.cancelAwarenessCatchUp = undefined;
      this.catchUpAwareness();
    }, AWARENESS_CATCH_UP_MS);
  }

  /**
   * Events only go to Ensemble clients: a room of plain y-websocket clients (or one whose services
   * announce often, like a busy activity stream) must not lose its batching to them.
   */
  private flushUpdatesForEvents(): void {
    if (!this.updates.hasPending) return;
    for (const member of this.members) {
      if (member.ensemble) {
        this.updates.flush();
        return;
      }
    }
  }

  private sendToMembers(frame: Uint8Array, except: object | null): void {
    for (const member of this.members) if (member !== except) member.send(frame);
  }

  /** Flushes pending writes and takes a final snapshot; then the room can be dropped. */
  async unload(): Promise<void> {
    await this.deps.committer.flush();
    await this.snapshotting;
    if (this.loggedSinceSnapshot > 0) await this.snapshot();
    // Services with buffered writes (activity, assistant) finish them while the database is open.
    await Promise.all(
      [...this.services.values()].map(async (service) => {
        try {
          await service.beforeUnload?.();
        } catch (error) {
          this.deps.onError(error, `${service.name} before unloading room ${this.name}`);
        }
      }),
    );
    this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const service of this.services.values()) service.destroy?.();
    this.services.clear();
    this.awareness.destroy();
    this.updates.destroy();
    this.doc.destroy();
    this.members.clear();
    void this.link?.close();
  }

  private broadcastUpdate(update: Uint8Array, origin: unknown): void {
    // Encoded once per room (or per batch), sent to every other socket (SPEC 3.3, 3.3a).
    this.updates.push(update, this.members.has(origin as RoomMember) ? (origin as RoomMember) : null);
  }

  private maybeSnapshot(): void {
    if (this.loggedSinceSnapshot < this.deps.limits.snapshotEvery || this.snapshotting || this.destroyed)
      return;
    this.snapshotting = this.snapshot().finally(() => {
      this.snapshotting = undefined;
    });
  }

  private async snapshot(): Promise<void> {
    const logged = this.loggedSinceSnapshot;
    if (this.link) {
      // Other nodes' updates may still be on their way here: a snapshot may only claim what the
      // doc provably contains, i.e. the log up to where the last catch-up read it.
      try {
        await this.catchUp();
      } catch (error) {
        this.deps.onError(error, `catch-up before the snapshot of room ${this.name}`);
        return;
      }
    }
    const upTo = this.link ? this.syncedSeq : this.lastSeq;
    // The state may also contain later, not yet committed updates; replaying them again is harmless
    // because Yjs updates are idempotent.
    const state = Y.encodeStateAsUpdate(this.doc);
    try {
      await this.deps.store.saveSnapshot(this.name, state, upTo, this.deps.limits.historyRetentionMs);
      this.loggedSinceSnapshot = Math.max(0, this.loggedSinceSnapshot - logged);
    } catch (error) {
      this.deps.onError(error, `snapshot of room ${this.name}`);
    }
  }
}

import {
  CloseCode,
  type DecodedMessage,
  decodeMessage,
  ErrorCode,
  ExtensionType,
  encodeExtension,
  encodePermissionDenied,
  isEnsembleError,
  PROTOCOL_VERSION,
  type Role,
  SyncStep,
} from '@ensemble/protocol';
import type { Counter } from 'prom-client';
import { type RawData, WebSocket } from 'ws';
import { can } from '../auth/room-grants.js';
import { TokenBucket } from '../limits/token-bucket.js';
import { changesNothing } from '../rooms/changes-nothing.js';
import type { Room, RoomMember } from '../rooms/room.js';
import type { ServiceCaller } from '../services/service.js';
import type { EngineContext } from './engine-context.js';
import { SendQueue } from './send-queue.js';

export interface ConnectionInfo {
  room: string;
  userId: string;
  userName: string;
  role: Role;
  ip: string;
}

const SENT_TYPE_NAMES: Record<number, string> = {
  0: 'sync',
  1: 'awareness',
  2: 'auth',
  3: 'query-awareness',
  100: 'extension',
};

/**
 * Labelled counter children, looked up once: prom-client hashes the label object on every `inc`,
 * which adds up when a room sends each frame to hundreds of sockets.
 */
const labelled = new WeakMap<Counter<'type'>, Map<string, { inc(value?: number): void }>>();
function counterFor(counter: Counter<'type'>, type: string): { inc(value?: number): void } {
  let children = labelled.get(counter);
  if (!children) {
    children = new Map();
    labelled.set(counter, children);
  }
  let child = children.get(type);
  if (!child) {
    child = counter.labels({ type });
    children.set(type, child);
  }
  return child;
}

/** Bytes waiting in a socket's send buffer beyond which awareness relays skip it (SPEC 3.5a). */
const AWARENESS_BACKLOG_BYTES = 256 * 1024;

/** Close reasons are limited to 123 bytes by RFC 6455. */
function reason(text: string): string {
  return Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString()}…`;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * One sync socket: limits, decoding, and dispatch to its room. Everything a peer can send is either
 * handled or closes this socket with a code; nothing here can take the process or the room down.
 */
export class Connection implements RoomMember {
  readonly id: string;
  readonly author: string;
  alive = true;
  private room: Room | undefined;
  private buffered: Uint8Array[] = [];
  private closed = false;
  ensemble = false;
  readonly caller: ServiceCaller;
  private deniedSent = false;
  private initialSyncReceived = false;
  private received = 0;
  private savedUpTo = 0;
  private savedScheduled = false;
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(
    private readonly ws: WebSocket,
    readonly info: ConnectionInfo,
    private readonly engine: EngineContext,
  ) {
    this.id = engine.nextConnectionId();
    this.author = info.userId;
    this.caller = { connectionId: this.id, userId: info.userId, userName: info.userName, role: info.role };
    const { messagesPerSecond, bytesPerSecond } = engine.limits;
    this.messages = new TokenBucket(messagesPerSecond, messagesPerSecond * 2);
    this.bytes = new TokenBucket(
      bytesPerSecond,
      Math.max(bytesPerSecond * 4, engine.limits.maxInitialSyncBytes),
    );
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('close', () => this.onClose());
    ws.on('error', () => this.ws.terminate());
  }

  /** Joins the room once it is loaded; frames that arrived meanwhile are then processed in order. */
  attach(room: Room): void {
    if (this.closed) {
      this.engine.rooms.release(room);
      return;
    }
    this.room = room;
    room.join(this);
    for (const frame of room.welcomeFrames()) this.send(frame);
    const pending = this.buffered;
    this.buffered = [];
    for (const frame of pending) this.handle(frame);
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.queue?.busy) {
      // Behind a chunked initial sync: the same bound, on what waits behind it (SPEC 3.7).
      if (this.queue.push(frame) > this.engine.limits.maxFrameBytes * 16) this.tooSlow();
      return;
    }
    if (this.ws.bufferedAmount > this.engine.limits.maxFrameBytes * 16) {
      this.tooSlow();
      return;
    }
    this.write(frame);
  }

  private tooSlow(): void {
    // A reader this far behind would make the server buffer without bound.
    this.close(CloseCode.RoomUnavailable, 'connection too slow: reconnect to resync');
  }

  private write(frame: Uint8Array, done?: () => void): void {
    const metrics = this.engine.metrics;
    if (metrics) {
      metrics.bytesSent.inc(frame.byteLength);
      counterFor(metrics.messagesSent, SENT_TYPE_NAMES[frame[0] ?? -1] ?? 'other').inc();
    }
    this.ws.send(frame, done);
  }

  /** Chunked initial syncs still going out, and what was sent after them (created on first use). */
  private queue: SendQueue | undefined;

  /** Answers a SyncStep1 (SPEC 3.1, 3.7). */
  private answerSync(room: Room, stateVector: Uint8Array): void {
    const frames = room.step2For(stateVector);
    const limit = this.engine.limits.maxFrameBytes;
    let oversized = false;
    for (const frame of frames) {
      if (frame.byteLength <= limit) continue;
      oversized = true;
      this.engine.metrics?.framesOverLimit.inc();
    }
    const plain = frames.length === 1 && !oversized;
    // A further SyncStep1 while an answer is still going out (an Ensemble client that dropped a
    // refused change restarts from an empty document) is answered in full behind it; only the first
    // answer is exempt from the slow-reader bound, so the memory a socket can pin stays bounded.
    if (plain || this.queue?.busy || this.ws.readyState !== WebSocket.OPEN) {
      for (const frame of frames) this.send(frame);
      return;
    }
    room.flushUpdates();
    this.queue ??= new SendQueue(this.ws, (frame, done) => this.write(frame, done), limit);
    this.queue.pushSync(frames);
  }

  /** Awareness relays skip this socket for now (SPEC 3.5a): a chunked sync or a full send buffer. */
  get backlogged(): boolean {
    return this.queue?.busy === true || this.ws.bufferedAmount > AWARENESS_BACKLOG_BYTES;
  }

  saved(upTo: number): void {
    this.savedUpTo = Math.max(this.savedUpTo, upTo);
    if (!this.ensemble || this.savedScheduled) return;
    this.savedScheduled = true;
    queueMicrotask(() => {
      this.savedScheduled = false;
      this.send(encodeExtension({ type: ExtensionType.Saved, upTo: this.savedUpTo }));
    });
  }

  close(code: number, text: string): void {
    if (this.closed) return;
    this.engine.metrics?.connectionsRejected.inc({ reason: String(code) });
    this.ws.close(code, reason(text));
    this.onClose();
  }

  terminate(): void {
    this.ws.terminate();
    this.onClose();
  }

  ping(): void {
    if (!this.alive) {
      this.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      this.terminate();
    }
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    const frame = toBytes(data);
    this.engine.metrics?.bytesReceived.inc(frame.byteLength);
    if (!isBinary) {
      this.close(CloseCode.BadRequest, 'text frames are not part of the protocol');
      return;
    }
    if (!this.messages.take(1) || !this.bytes.take(frame.byteLength)) {
      this.close(CloseCode.RateLimited, 'rate limit exceeded');
      return;
    }
    if (!this.room) {
      if (this.buffered.length >= this.engine.limits.maxBufferedMessages) {
        this.close(CloseCode.RateLimited, 'too many messages before the room was ready');
        return;
      }
      this.buffered.push(frame);
      return;
    }
    this.handle(frame);
  }

  private handle(frame: Uint8Array): void {
    if (this.closed || !this.room) return;
    const message = decodeMessage(frame);
    if (this.engine.metrics) counterFor(this.engine.metrics.messagesReceived, message.kind).inc();
    if (message.kind === 'malformed') {
      this.close(CloseCode.BadRequest, `malformed message: ${message.reason}`);
      return;
    }
    if (frame.byteLength > this.engine.limits.maxFrameBytes && !this.isInitialSync(message)) {
      this.close(
        CloseCode.MessageTooLarge,
        `message of ${frame.byteLength} bytes exceeds ${this.engine.limits.maxFrameBytes}`,
      );
      return;
    }
    try {
      this.dispatch(this.room, message);
    } catch (error) {
      // Anything a peer can trigger ends here: this socket closes, the room and process go on.
      this.engine.onError(error, `message from ${this.id} in room ${this.info.room}`);
      this.close(CloseCode.BadRequest, 'message could not be processed');
    }
  }

  private isInitialSync(message: DecodedMessage): boolean {
    if (message.kind !== 'sync' || message.step !== SyncStep.Step2 || this.initialSyncReceived) return false;
    return true;
  }

  private dispatch(room: Room, message: DecodedMessage): void {
    switch (message.kind) {
      case 'sync':
        if (message.step === SyncStep.Step1) {
          this.answerSync(room, message.payload);
          return;
        }
        if (message.step === SyncStep.Step2) this.initialSyncReceived = true;
        this.onUpdate(room, message.payload);
        return;
      case 'awareness': {
        const verdict = room.receiveAwareness(this, message.update);
        if (verdict.malformed) this.close(CloseCode.BadRequest, `malformed awareness: ${verdict.malformed}`);
        return;
      }
      case 'query-awareness': {
        const frame = room.awareness.snapshotFrame();
        if (frame) this.send(frame);
        return;
      }
      case 'auth-denied':
        return;
      case 'extension':
        if (message.message.type === ExtensionType.Request) {
          this.onRequest(room, message.message);
          return;
        }
        if (message.message.type === ExtensionType.Hello) {
          this.ensemble = true;
          this.send(
            encodeExtension({
              type: ExtensionType.Welcome,
              version: Math.min(message.message.version, PROTOCOL_VERSION),
              role: this.info.role,
              connectionId: this.id,
            }),
          );
        }
        return;
      case 'malformed':
        return;
    }
  }

  private onRequest(
    room: Room,
    request: { id: number; service: string; method: string; params: string },
  ): void {
    const respond = (ok: boolean, body: unknown) => {
      // A change the request made may wait in the update relay: it goes first (SPEC 3.3a).
      room.flushUpdates();
      this.send(
        encodeExtension({ type: ExtensionType.Response, id: request.id, ok, body: JSON.stringify(body) }),
      );
    };
    let params: unknown;
    try {
      params = request.params === '' ? {} : JSON.parse(request.params);
    } catch {
      respond(false, { code: ErrorCode.BadRequest, message: 'params are not valid JSON' });
      return;
    }
    Promise.resolve()
      .then(() => room.call(request.service, request.method, params, this.caller))
      .then(
        (result) => respond(true, result ?? null),
        (error: unknown) => {
          if (isEnsembleError(error)) respond(false, { code: error.code, message: error.message });
          else {
            this.engine.onError(error, `${request.service}.${request.method} in room ${this.info.room}`);
            respond(false, { code: ErrorCode.Internal, message: 'internal error' });
          }
        },
      );
  }

  private onUpdate(room: Room, update: Uint8Array): void {
    const n = ++this.received;
    if (!can(this.info.role, 'edit')) {
      if (!this.deniedSent && !changesNothing(room.doc, update)) {
        this.deniedSent = true;
        const text = `role ${this.info.role} is read-only in room ${this.info.room}; your edits are not applied`;
        this.send(encodePermissionDenied(text));
        if (this.ensemble) {
          this.send(
            encodeExtension({ type: ExtensionType.Notice, code: ErrorCode.Forbidden, message: text }),
          );
        }
      }
      this.engine.metrics?.updatesRejected.inc({ reason: 'read-only' });
      room.acknowledge(() => this.saved(n));
      return;
    }
    const veto = room.vetoReason(update, this.caller);
    if (veto) {
      // Not applied: the author learns why; an Ensemble client resyncs to drop its local change.
      this.engine.metrics?.updatesRejected.inc({ reason: 'locked' });
      this.send(encodePermissionDenied(veto));
      if (this.ensemble)
        this.send(encodeExtension({ type: ExtensionType.Notice, code: ErrorCode.Locked, message: veto }));
      room.acknowledge(() => this.saved(n));
      return;
    }
    const started = performance.now();
    const result = room.applyUpdate(this, update, this.author, () => {
      this.engine.metrics?.saveLatency.observe((performance.now() - started) / 1000);
      this.saved(n);
    });
    if (result === 'malformed') {
      this.engine.metrics?.updatesRejected.inc({ reason: 'malformed' });
      this.close(CloseCode.BadRequest, 'update does not decode as a Yjs update');
    } else if (result === 'applied') {
      this.engine.metrics?.updatesApplied.inc();
    }
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffered = [];
    this.queue?.clear();
    this.engine.forget(this);
    const room = this.room;
    if (!room) return;
    room.leave(this);
    this.engine.rooms.release(room);
  }
}

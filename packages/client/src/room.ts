import {
  decodeMessage,
  EnsembleError,
  ErrorCode,
  type ExtensionMessage,
  ExtensionType,
  encodeAwareness,
  encodeExtension,
  encodeHello,
  encodeSync,
  type Role,
  SyncStep,
} from '@ensemble/protocol';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Emitter } from './emitter.js';
import { serviceError } from './errors.js';
import type { LocalCopy, LocalCopyFactory } from './offline.js';
import { isPermanentClose, OPEN, type SocketFactory, type SocketLike, toBytes } from './transport.js';

export type RoomStatus = 'connecting' | 'connected' | 'synced' | 'saved' | 'offline';

export interface ServiceEvent {
  service: string;
  name: string;
  body: unknown;
}

export interface RoomEvents extends Record<string, unknown> {
  /** Status, presence or document object changed: re-read what you render. */
  change: undefined;
  status: RoomStatus;
  service: ServiceEvent;
  notice: { code: string; message: string };
  /** The server refused a local change (lock) and the document was reloaded from the server. */
  rejected: { code: string; message: string };
  closed: { code: number; reason: string };
}

export interface RoomOptions {
  url: string;
  name: string;
  token: string | undefined;
  WebSocket: SocketFactory;
  /** Reconnect backoff bounds (ms). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Keeps a copy of the document on this device (see `offline.ts`); none by default. */
  localCopy?: LocalCopyFactory;
}

const REMOTE = Symbol('remote');

/**
 * One room over one socket: the Y.Doc, awareness, status (connecting → connected → synced → saved,
 * or offline), request/response to room services, and reconnects with backoff.
 */
export class RoomConnection {
  readonly events = new Emitter<RoomEvents>();
  private currentAwareness: Awareness;
  role: Role | undefined;
  private currentDoc: Y.Doc;
  private socket: SocketLike | undefined;
  private statusValue: RoomStatus = 'connecting';
  private synced = false;
  private sentKinds: ('step2' | 'edit')[] = [];
  private savedUpTo = 0;
  private nextRequestId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private backoff: number;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private closedByUser = false;
  private version = 0;
  private local: LocalCopy | null;

  constructor(private readonly options: RoomOptions) {
    this.backoff = options.minBackoffMs ?? 100;
    this.currentDoc = new Y.Doc();
    this.currentAwareness = this.bindDoc(this.currentDoc);
    this.local = options.localCopy?.(this.currentDoc) ?? null;
    this.connect();
  }

  /** Whether a copy of the document is kept on this device. */
  get keepsLocalCopy(): boolean {
    return this.options.localCopy !== undefined;
  }

  /**
   * Resolves once the device's copy (edits made offline, possibly in an earlier visit) is in the
   * document; at once without a local copy. Usable before the server answers, or while offline.
   */
  whenLocalLoaded(): Promise<void> {
    return this.local?.whenLoaded ?? Promise.resolve();
  }

  get doc(): Y.Doc {
    return this.currentDoc;
  }

  /** Presence of everyone in the room (y-protocols Awareness of the current document). */
  get awareness(): Awareness {
    return this.currentAwareness;
  }

  get status(): RoomStatus {
    return this.statusValue;
  }

  /** Bumps on every observable change; hooks use it as their snapshot. */
  get snapshotVersion(): number {
    return this.version;
  }

  /** Calls a room service method; rejects with the server's coded error. */
  request<T = unknown>(service: string, method: string, params: unknown = {}): Promise<T> {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN || !this.synced) {
      return Promise.reject(
        new EnsembleError(ErrorCode.NotReady, `room ${this.options.name} is not connected`),
      );
    }
    const id = this.nextRequestId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      socket.send(
        encodeExtension({ type: ExtensionType.Request, id, service, method, params: JSON.stringify(params) }),
      );
    });
  }

  /** Resolves once the room is synced (first time or after a reconnect). */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.events.on('status', () => {
        if (this.synced) {
          off();
          resolve();
        }
      });
    });
  }

  /** Resolves once every local change so far is durably stored on the server. */
  whenSaved(): Promise<void> {
    if (this.statusValue === 'saved') return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.events.on('status', (status) => {
        if (status === 'saved') {
          off();
          resolve();
        }
      });
    });
  }

  close(): void {
    this.closedByUser = true;
    clearTimeout(this.reconnectTimer);
    removeAwarenessStates(this.currentAwareness, [this.currentDoc.clientID], 'local');
    this.socket?.close(1000, 'client closed');
    this.failPending('room closed');
    this.setStatus('offline');
    void this.local?.destroy();
    this.local = null;
    this.currentAwareness.destroy();
    this.currentDoc.destroy();
    this.events.clear();
  }

  private connect(): void {
    const { url, name, token, WebSocket } = this.options;
    const protocols = token ? ['ensemble-token', token] : [];
    const socket = new WebSocket(`${url.replace(/\/$/, '')}/${encodeURIComponent(name)}`, protocols);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.setStatus('connecting');
    socket.onopen = () => {
      this.backoff = this.options.minBackoffMs ?? 100;
      this.sentKinds = [];
      this.savedUpTo = 0;
      this.synced = false;
      socket.send(encodeHello());
      socket.send(encodeSync(SyncStep.Step1, Y.encodeStateVector(this.currentDoc)));
      if (this.awareness.getLocalState() !== null) {
        socket.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, [this.currentDoc.clientID])));
      }
      this.setStatus('connected');
    };
    socket.onmessage = (event) => {
      const bytes = toBytes(event.data);
      if (bytes) this.onMessage(bytes);
    };
    socket.onclose = (event) => this.onClose(socket, event.code, event.reason);
    socket.onerror = () => undefined;
  }

  private onClose(socket: SocketLike, code: number, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.synced = false;
    this.failPending('connection lost');
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.currentDoc.clientID);
    removeAwarenessStates(this.awareness, others, 'connection-lost');
    this.setStatus('offline');
    this.events.emit('closed', { code, reason });
    if (this.closedByUser || isPermanentClose(code)) return;
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 5000);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private onMessage(bytes: Uint8Array): void {
    const message = decodeMessage(bytes);
    switch (message.kind) {
      case 'sync':
        if (message.step === SyncStep.Step1) {
          this.sentKinds.push('step2');
          this.socket?.send(
            encodeSync(SyncStep.Step2, Y.encodeStateAsUpdate(this.currentDoc, message.payload)),
          );
          return;
        }
        Y.applyUpdate(this.currentDoc, message.payload, REMOTE);
        if (message.step === SyncStep.Step2 && !this.synced) {
          this.synced = true;
          this.refreshStatus();
        }
        return;
      case 'awareness':
        applyAwarenessUpdate(this.awareness, message.update, REMOTE);
        return;
      case 'extension':
        this.onExtension(message.message);
        return;
      default:
        return;
    }
  }

  private onExtension(message: ExtensionMessage): void {
    switch (message.type) {
      case ExtensionType.Welcome:
        this.role = message.role;
        this.changed();
        return;
      case ExtensionType.Saved:
        this.savedUpTo = message.upTo;
        this.refreshStatus();
        return;
      case ExtensionType.Notice:
        this.events.emit('notice', { code: message.code, message: message.message });
        if (message.code === ErrorCode.Locked) this.resync(message.code, message.message);
        return;
      case ExtensionType.Response: {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        const body = message.body === '' ? null : (JSON.parse(message.body) as unknown);
        if (message.ok) pending.resolve(body);
        else pending.reject(serviceError(body));
        return;
      }
      case ExtensionType.Event:
        this.events.emit('service', {
          service: message.service,
          name: message.name,
          body: message.body === '' ? null : (JSON.parse(message.body) as unknown),
        });
        return;
      default:
        return;
    }
  }

  /** Drops local state the server refused and reloads the document from the server. */
  private resync(code: string, message: string): void {
    const old = this.currentDoc;
    const local = this.currentAwareness.getLocalState();
    // Tell others the old client id is gone; the new document gets a new id and awareness.
    removeAwarenessStates(this.currentAwareness, [old.clientID], 'local');
    old.off('update', this.onDocUpdate);
    const doc = new Y.Doc();
    this.currentDoc = doc;
    this.currentAwareness = this.bindDoc(doc);
    old.destroy();
    // The device's copy holds the refused change too: drop it, then keep the new document instead.
    const copy = this.local;
    this.local = null;
    if (copy) {
      const factory = this.options.localCopy!;
      void copy.clear().then(() => {
        if (!this.closedByUser && this.currentDoc === doc) this.local = factory(doc);
      });
    }
    if (local) this.currentAwareness.setLocalState(local);
    this.synced = false;
    this.sentKinds = [];
    this.savedUpTo = 0;
    this.socket?.send(encodeSync(SyncStep.Step1, Y.encodeStateVector(doc)));
    this.changed();
    this.events.emit('rejected', { code, message });
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    if (this.socket?.readyState === OPEN) {
      this.sentKinds.push('edit');
      this.socket.send(encodeSync(SyncStep.Update, update));
    }
    this.refreshStatus();
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === REMOTE || this.socket?.readyState !== OPEN) return;
    const mine = [...added, ...updated, ...removed].filter((id) => id === this.currentDoc.clientID);
    if (mine.length > 0) this.socket.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, mine)));
  };

  private bindDoc(doc: Y.Doc): Awareness {
    doc.on('update', this.onDocUpdate);
    const awareness = new Awareness(doc);
    awareness.on('update', this.onAwarenessUpdate);
    awareness.on('change', () => this.changed());
    return awareness;
  }

  private refreshStatus(): void {
    if (!this.socket || this.socket.readyState !== OPEN) {
      this.setStatus('offline');
      return;
    }
    if (!this.synced) {
      this.setStatus('connected');
      return;
    }
    const edits = this.sentKinds.length;
    this.setStatus(this.savedUpTo >= edits ? 'saved' : 'synced');
  }

  private setStatus(status: RoomStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    this.events.emit('status', status);
    this.changed();
  }

  private changed(): void {
    this.version++;
    this.events.emit('change', undefined);
  }

  private failPending(reason: string): void {
    for (const p of this.pending.values()) p.reject(new EnsembleError(ErrorCode.NotReady, reason));
    this.pending.clear();
  }
}

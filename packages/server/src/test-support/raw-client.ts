import {
  decodeAwarenessUpdate,
  decodeMessage,
  ExtensionType,
  encodeHello,
  encodeSync,
  SyncStep,
} from '@ensemble/protocol';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

const REMOTE = Symbol('remote');

/**
 * A minimal Ensemble-protocol client for tests: says Hello, syncs a Y.Doc, sends local updates and
 * records the server's Saved acknowledgements (SPEC 4.4).
 */
export class RawClient {
  readonly doc: Y.Doc;
  ws: WebSocket | undefined;
  /** What each update-carrying message this connection sent was (SPEC 4.4 counts all of them). */
  private sentKinds: ('step2' | 'edit')[] = [];
  savedUpTo = 0;
  synced = false;
  closeCode: number | undefined;
  role: string | undefined;
  /** Service events received (`{service, name, body}` with the body parsed). */
  readonly events: { service: string; name: string; body: unknown }[] = [];
  /** Notices received (e.g. a refused edit). */
  readonly notices: { code: string; message: string }[] = [];
  /** Latest awareness state per client id as relayed by the server (`'null'` = removed). */
  readonly awareness = new Map<number, string>();
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE || !this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    this.sentKinds.push('edit');
    this.ws.send(encodeSync(SyncStep.Update, update));
  };

  constructor(doc = new Y.Doc()) {
    this.doc = doc;
    this.doc.on('update', this.onUpdate);
  }

  /** Local edits sent on this connection. */
  get sentEdits(): number {
    return this.sentKinds.filter((k) => k === 'edit').length;
  }

  /** Local edits the server has acknowledged as durably saved. */
  get savedEdits(): number {
    return this.sentKinds.slice(0, this.savedUpTo).filter((k) => k === 'edit').length;
  }

  connect(url: string): Promise<void> {
    this.sentKinds = [];
    this.savedUpTo = 0;
    this.synced = false;
    this.closeCode = undefined;
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => this.onMessage(new Uint8Array(data)));
    ws.on('close', (code) => {
      this.closeCode = code;
    });
    ws.on('error', () => undefined);
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        ws.send(encodeHello());
        ws.send(encodeSync(SyncStep.Step1, Y.encodeStateVector(this.doc)));
        resolve();
      });
      ws.once('error', reject);
    });
  }

  close(): void {
    this.ws?.close();
  }

  destroy(): void {
    this.ws?.terminate();
    this.doc.off('update', this.onUpdate);
    this.doc.destroy();
  }

  private onMessage(frame: Uint8Array): void {
    const message = decodeMessage(frame);
    if (message.kind === 'sync') {
      if (message.step === SyncStep.Step1) {
        this.sentKinds.push('step2');
        this.ws?.send(encodeSync(SyncStep.Step2, Y.encodeStateAsUpdate(this.doc, message.payload)));
      } else {
        Y.applyUpdate(this.doc, message.payload, REMOTE);
        if (message.step === SyncStep.Step2) this.synced = true;
      }
    } else if (message.kind === 'awareness') {
      const entries = decodeAwarenessUpdate(message.update);
      if (typeof entries !== 'string') for (const e of entries) this.awareness.set(e.clientId, e.state);
    } else if (message.kind === 'extension') {
      if (message.message.type === ExtensionType.Event) {
        const { service, name, body } = message.message;
        this.events.push({ service, name, body: JSON.parse(body) as unknown });
      }
      if (message.message.type === ExtensionType.Saved) this.savedUpTo = message.message.upTo;
      if (message.message.type === ExtensionType.Notice)
        this.notices.push({ code: message.message.code, message: message.message.message });
      if (message.message.type === ExtensionType.Welcome) this.role = message.message.role;
    }
  }
}

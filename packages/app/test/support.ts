import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface Peer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** An unmodified y-websocket provider in Node, as any existing Yjs app would use it. */
export function connectPeer(baseUrl: string, room: string, token?: string, doc = new Y.Doc()): Peer {
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token ? { token } : {},
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function synced(peer: Peer): Promise<void> {
  return until(() => peer.provider.synced, 'provider synced');
}

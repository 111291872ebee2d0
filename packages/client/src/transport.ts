/** The subset of the WebSocket API the client uses: the browser's, or `ws` in Node. */
export interface SocketLike {
  binaryType: string;
  readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type SocketFactory = new (url: string, protocols?: string | string[]) => SocketLike;

export const OPEN = 1;

export function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) {
    const parts = data.filter((d): d is Uint8Array => d instanceof Uint8Array);
    const total = parts.reduce((n, p) => n + p.byteLength, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.byteLength;
    }
    return out;
  }
  return null;
}

/** y-websocket's rule: close codes 4400–4499 are a deliberate refusal; reconnecting will not help. */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

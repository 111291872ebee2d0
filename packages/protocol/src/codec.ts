import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ExtensionType, MessageType, SyncStep } from './message-types.js';
import { PROTOCOL_VERSION } from './version.js';

/**
 * Encoders and a total decoder for every message on the sync socket. `decodeMessage` never throws:
 * malformed input comes back as `{ kind: 'malformed' }` with a reason (SPEC.md rule 2.4).
 */

export type Role = 'viewer' | 'commenter' | 'editor' | 'admin';

export type ExtensionMessage =
  | { type: typeof ExtensionType.Hello; version: number }
  | { type: typeof ExtensionType.Welcome; version: number; role: Role; connectionId: string }
  | { type: typeof ExtensionType.Saved; upTo: number }
  | { type: typeof ExtensionType.Notice; code: string; message: string }
  | { type: typeof ExtensionType.Request; id: number; service: string; method: string; params: string }
  | { type: typeof ExtensionType.Response; id: number; ok: boolean; body: string }
  | { type: typeof ExtensionType.Event; service: string; name: string; body: string };

export type DecodedMessage =
  | { kind: 'sync'; step: SyncStep; payload: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'auth-denied'; reason: string }
  | { kind: 'query-awareness' }
  | { kind: 'extension'; message: ExtensionMessage }
  | { kind: 'malformed'; reason: string };

const ROLES: readonly Role[] = ['viewer', 'commenter', 'editor', 'admin'];

function finish(encoder: encoding.Encoder): Uint8Array {
  return encoding.toUint8Array(encoder);
}

export function encodeSync(step: SyncStep, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return finish(e);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Awareness);
  encoding.writeVarUint8Array(e, update);
  return finish(e);
}

export function encodeQueryAwareness(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.QueryAwareness);
  return finish(e);
}

export function encodePermissionDenied(reason: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Auth);
  encoding.writeVarUint(e, 0);
  encoding.writeVarString(e, reason);
  return finish(e);
}

export function encodeExtension(message: ExtensionMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Ensemble);
  encoding.writeVarUint(e, message.type);
  switch (message.type) {
    case ExtensionType.Hello:
      encoding.writeVarUint(e, message.version);
      break;
    case ExtensionType.Welcome:
      encoding.writeVarUint(e, message.version);
      encoding.writeVarString(e, message.role);
      encoding.writeVarString(e, message.connectionId);
      break;
    case ExtensionType.Saved:
      encoding.writeVarUint(e, message.upTo);
      break;
    case ExtensionType.Notice:
      encoding.writeVarString(e, message.code);
      encoding.writeVarString(e, message.message);
      break;
    case ExtensionType.Request:
      encoding.writeVarUint(e, message.id);
      encoding.writeVarString(e, message.service);
      encoding.writeVarString(e, message.method);
      encoding.writeVarString(e, message.params);
      break;
    case ExtensionType.Response:
      encoding.writeVarUint(e, message.id);
      encoding.writeVarUint(e, message.ok ? 1 : 0);
      encoding.writeVarString(e, message.body);
      break;
    case ExtensionType.Event:
      encoding.writeVarString(e, message.service);
      encoding.writeVarString(e, message.name);
      encoding.writeVarString(e, message.body);
      break;
  }
  return finish(e);
}

export function encodeHello(version: number = PROTOCOL_VERSION): Uint8Array {
  return encodeExtension({ type: ExtensionType.Hello, version });
}

function decodeExtension(d: decoding.Decoder): ExtensionMessage | string {
  const type = decoding.readVarUint(d);
  switch (type) {
    case ExtensionType.Hello:
      return { type, version: decoding.readVarUint(d) };
    case ExtensionType.Welcome: {
      const version = decoding.readVarUint(d);
      const role = decoding.readVarString(d) as Role;
      if (!ROLES.includes(role)) return `unknown role ${role}`;
      return { type, version, role, connectionId: decoding.readVarString(d) };
    }
    case ExtensionType.Saved:
      return { type, upTo: decoding.readVarUint(d) };
    case ExtensionType.Notice:
      return { type, code: decoding.readVarString(d), message: decoding.readVarString(d) };
    case ExtensionType.Request:
      return {
        type,
        id: decoding.readVarUint(d),
        service: decoding.readVarString(d),
        method: decoding.readVarString(d),
        params: decoding.readVarString(d),
      };
    case ExtensionType.Response: {
      const id = decoding.readVarUint(d);
      const ok = decoding.readVarUint(d);
      if (ok > 1) return `bad response flag ${ok}`;
      return { type, id, ok: ok === 1, body: decoding.readVarString(d) };
    }
    case ExtensionType.Event:
      return {
        type,
        service: decoding.readVarString(d),
        name: decoding.readVarString(d),
        body: decoding.readVarString(d),
      };
    default:
      return `unknown extension message ${type}`;
  }
}

export function decodeMessage(data: Uint8Array): DecodedMessage {
  try {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    let result: DecodedMessage;
    switch (type) {
      case MessageType.Sync: {
        const step = decoding.readVarUint(d);
        if (step !== SyncStep.Step1 && step !== SyncStep.Step2 && step !== SyncStep.Update) {
          return { kind: 'malformed', reason: `unknown sync step ${step}` };
        }
        result = { kind: 'sync', step, payload: decoding.readVarUint8Array(d) };
        break;
      }
      case MessageType.Awareness:
        result = { kind: 'awareness', update: decoding.readVarUint8Array(d) };
        break;
      case MessageType.Auth: {
        const sub = decoding.readVarUint(d);
        if (sub !== 0) return { kind: 'malformed', reason: `unknown auth message ${sub}` };
        result = { kind: 'auth-denied', reason: decoding.readVarString(d) };
        break;
      }
      case MessageType.QueryAwareness:
        result = { kind: 'query-awareness' };
        break;
      case MessageType.Ensemble: {
        const ext = decodeExtension(d);
        if (typeof ext === 'string') return { kind: 'malformed', reason: ext };
        result = { kind: 'extension', message: ext };
        break;
      }
      default:
        return { kind: 'malformed', reason: `unknown message type ${type}` };
    }
    if (decoding.hasContent(d)) return { kind: 'malformed', reason: 'trailing bytes after message' };
    return result;
  } catch (error) {
    return { kind: 'malformed', reason: `undecodable frame: ${(error as Error).message}` };
  }
}

/** One awareness entry as it travels in an awareness update (y-protocols/awareness layout). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text; `'null'` means the client left. */
  state: string;
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] | string {
  try {
    const d = decoding.createDecoder(update);
    const count = decoding.readVarUint(d);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const state = decoding.readVarString(d);
      entries.push({ clientId, clock, state });
    }
    if (decoding.hasContent(d)) return 'trailing bytes after awareness update';
    return entries;
  } catch (error) {
    return `undecodable awareness update: ${(error as Error).message}`;
  }
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, entry.state);
  }
  return finish(e);
}

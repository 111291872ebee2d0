/**
 * Top-level message types on `/sync/<room>` (SPEC.md §2). 0–3 are y-websocket's, byte for byte;
 * 100 carries Ensemble's extension messages and is only ever sent to a socket that said Hello.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  Ensemble: 100,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of MessageType.Sync (y-protocols/sync). */
export const SyncStep = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;
export type SyncStep = (typeof SyncStep)[keyof typeof SyncStep];

/** Sub-type of MessageType.Auth (y-protocols/auth). */
export const AuthMessage = {
  PermissionDenied: 0,
} as const;

/** Sub-types of MessageType.Ensemble (SPEC.md §4). */
export const ExtensionType = {
  /** client → server: "I speak Ensemble, version N". */
  Hello: 0,
  /** server → client: negotiated version, the connection's role and id. */
  Welcome: 1,
  /** server → client: every update this socket sent, up to `upTo`, is durably stored. */
  Saved: 2,
  /** server → client: a coded, human-readable problem that did not close the socket. */
  Notice: 3,
  /** client → server: call a room service method (locks, events, chat…) with JSON params. */
  Request: 4,
  /** server → client: the answer to one Request, matched by id. */
  Response: 5,
  /** server → client: something happened in a room service (a lock changed, an event arrived…). */
  Event: 6,
} as const;
export type ExtensionType = (typeof ExtensionType)[keyof typeof ExtensionType];

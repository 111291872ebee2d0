// The shapes the room services send, defined once in the protocol package.
export type {
  ActivityEntry,
  ActivityPage,
  ActivitySummary,
  AnchorRange,
  AssistantExchange,
  AssistantPage,
  ChatAnchor,
  ChatComment,
  ChatExport,
  ChatMessage,
  ChatReaction,
  ChatStats,
  PresenceStatus,
  PresenceUser,
  ReadReceipt,
  TypingUser,
  UserActivitySummary,
} from '@ensemble/protocol';
export { CloseCode, EnsembleError, ErrorCode, PROTOCOL_VERSION } from '@ensemble/protocol';
export type { ActivityQuery, ActivityState } from './activity.js';
export { ActivityApi } from './activity.js';
export type { AssistantState } from './assistant.js';
export { AssistantApi } from './assistant.js';
export type { ChatFilter, ChatState } from './chat.js';
export { ChatApi } from './chat.js';
export type { ClientOptions, EnsembleClient, Room, RoomJoinOptions } from './client.js';
export { createClient } from './client.js';
export type { RoomEvent } from './events.js';
export { EventsApi } from './events.js';
export type { At, Change, Replay, Version } from './history.js';
export { HistoryApi } from './history.js';
export type { AcquireResult, LockInfo, LockKind, Region } from './locks.js';
export { LocksApi } from './locks.js';
export type { LocalCopy, LocalCopyFactory } from './offline.js';
export { canKeepLocalCopy, indexedDbCopy, localCopyName } from './offline.js';
export type { Other, Presence } from './presence.js';
export { PresenceApi } from './presence.js';
export type { RoomStatus } from './room.js';
export { RoomConnection } from './room.js';
export type { Store } from './stores.js';
export { eventsStore, lockStore, othersStore, statusStore, yStore } from './stores.js';
export type { Throttled } from './throttle.js';
export { DEFAULT_RATES, throttle } from './throttle.js';
export type { SocketFactory, SocketLike } from './transport.js';

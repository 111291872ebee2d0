export { CloseCode, EnsembleError, ErrorCode, PROTOCOL_VERSION } from '@ensemble/protocol';
export type {
  ActivityEntry,
  ActivityPage,
  ActivityQuery,
  ActivityState,
  ActivitySummary,
  UserActivitySummary,
} from './activity.js';
export { ActivityApi } from './activity.js';
export type { AssistantExchange, AssistantPage, AssistantState } from './assistant.js';
export { AssistantApi } from './assistant.js';
export type {
  AnchorRange,
  ChatAnchor,
  ChatComment,
  ChatExport,
  ChatFilter,
  ChatMessage,
  ChatReaction,
  ChatState,
  ChatStats,
  ReadReceipt,
  TypingUser,
} from './chat.js';
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
export type { Other, Presence, PresenceStatus, PresenceUser } from './presence.js';
export { PresenceApi } from './presence.js';
export type { RoomStatus } from './room.js';
export { RoomConnection } from './room.js';
export type { Store } from './stores.js';
export { eventsStore, lockStore, othersStore, statusStore, yStore } from './stores.js';
export type { Throttled } from './throttle.js';
export { DEFAULT_RATES, throttle } from './throttle.js';
export type { SocketFactory, SocketLike } from './transport.js';

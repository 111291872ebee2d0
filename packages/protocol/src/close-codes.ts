/**
 * WebSocket close codes used by Ensemble. 4000–4999 is the range RFC 6455 leaves to applications;
 * the last three digits mirror the closest HTTP status so logs read naturally.
 */
export const CloseCode = {
  Normal: 1000,
  /** Standard code: the server is restarting; clients should reconnect with backoff. */
  ServerRestarting: 1012,
  BadRequest: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  BadRoomName: 4404,
  MessageTooLarge: 4413,
  RateLimited: 4429,
  RoomUnavailable: 4503,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

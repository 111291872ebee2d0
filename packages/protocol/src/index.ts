export { CloseCode } from './close-codes.js';
export type { AwarenessEntry, DecodedMessage, ExtensionMessage, Role } from './codec.js';
export {
  decodeAwarenessUpdate,
  decodeMessage,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeExtension,
  encodeHello,
  encodePermissionDenied,
  encodeQueryAwareness,
  encodeSync,
} from './codec.js';
export type { ErrorBody } from './errors.js';
export { EnsembleError, ErrorCode, isEnsembleError } from './errors.js';
export { AuthMessage, ExtensionType, MessageType, SyncStep } from './message-types.js';
export { PROTOCOL_VERSION } from './version.js';

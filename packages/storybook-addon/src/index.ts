export type { Args } from './arg-sync.js';
export { ArgSync, decodeArg, encodeArg, isShareable, sameValue } from './arg-sync.js';
export type { ChatLine, ConnectionState, PanelState, Person } from './channel.js';
export { ADDON_ID, EVENTS, PANEL_ID, USER_GLOBAL } from './channel.js';
export type { EnsembleParameters, EnsembleUser, TokenGrant, TokenProvider } from './config.js';
export { devToken, resolveConfig, syncUrlOf } from './config.js';
export type { Cursor, StoryPresence } from './story-binding.js';
export { ARGS_MAP, StoryBinding } from './story-binding.js';

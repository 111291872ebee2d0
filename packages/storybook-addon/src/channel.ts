/**
 * What the preview (which holds the room connection) and the manager panel say to each other over
 * Storybook's channel. The manager never connects to Ensemble itself: one connection per viewer.
 */

export const ADDON_ID = 'ensemble/multiplayer';
export const PANEL_ID = `${ADDON_ID}/panel`;
/** The Storybook global holding the viewer's display name (`?globals=ensembleUser:Ada`). */
export const USER_GLOBAL = 'ensembleUser';

export const EVENTS = {
  /** preview → manager: the room state changed. Payload: `PanelState`. */
  state: `${ADDON_ID}/state`,
  /** manager → preview: send a chat message. Payload: `{ text: string }`. */
  chatSend: `${ADDON_ID}/chat-send`,
  /** manager → preview: please emit the state again (the panel mounted late). */
  requestState: `${ADDON_ID}/request-state`,
} as const;

export interface Person {
  clientId: number;
  name: string;
  color: string;
  /** The pointer is over the canvas. */
  pointing: boolean;
}

export interface ChatLine {
  id: string;
  name: string;
  color: string | undefined;
  text: string;
  at: string;
  mine: boolean;
}

export type ConnectionState =
  | 'disabled'
  | 'connecting'
  | 'connected'
  | 'synced'
  | 'saved'
  | 'offline'
  | 'error';

export interface PanelState {
  storyId: string;
  room: string;
  status: ConnectionState;
  /** Why the connection failed (token refused, server unreachable…). */
  error: string | undefined;
  me: { name: string; color: string } | undefined;
  /** Everyone else viewing this story. */
  others: Person[];
  /** The room's main chat (the chat service), oldest first. */
  chat: ChatLine[];
  /** The last chat message the server refused, and why. */
  chatError: string | undefined;
}

export const EMPTY_STATE: PanelState = {
  storyId: '',
  room: '',
  status: 'disabled',
  error: undefined,
  me: undefined,
  others: [],
  chat: [],
  chatError: undefined,
};

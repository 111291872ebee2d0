import type { ChatMessage, Presence, Room } from '@ensemble/client';
import type * as Y from 'yjs';
import { ArgSync, type Args, decodeArg, encodeArg } from './arg-sync.js';
import type { ChatLine, ConnectionState, PanelState, Person } from './channel.js';
import type { Me } from './session.js';

/** The Y.Map of a story room holding the shared args. */
export const ARGS_MAP = 'storybook.args';

/** A cursor position in CSS pixels relative to the story's root element. */
export interface Cursor {
  x: number;
  y: number;
}

/** What the addon puts in awareness next to Ensemble's `user`. */
export interface StoryPresence extends Presence {
  cursor?: Cursor | null;
  story?: string;
}

export interface StoryBindingOptions {
  room: Room;
  storyId: string;
  me: Me;
  /** The args Storybook shows at join time. */
  initialArgs: Args;
  exclude: string[];
  /** Shows args in Storybook (UPDATE_STORY_ARGS). */
  updateArgs: (patch: Args) => void;
  /** The panel state changed. */
  onState: (state: PanelState) => void;
}

function nonEmpty(record: Args): boolean {
  return Object.keys(record).length > 0;
}

/**
 * Binds one mounted story to its room: args ⇄ the shared Y.Map (through `ArgSync`), my presence
 * (name, colour, cursor), and the panel state (people + chat) for the manager. No Storybook or React
 * imports, so it can be driven by any renderer.
 */
export class StoryBinding {
  private readonly sync: ArgSync;
  private doc: Y.Doc;
  private map: Y.Map<unknown>;
  private readonly offs: (() => void)[] = [];
  private lastState = '';
  private chatError: string | undefined;
  private destroyed = false;

  constructor(private readonly options: StoryBindingOptions) {
    const { room, me, initialArgs, exclude } = options;
    this.sync = new ArgSync(initialArgs, exclude);
    this.doc = room.doc;
    this.map = this.doc.getMap(ARGS_MAP);
    this.map.observe(this.onShared);
    room.presence.set({
      user: { id: me.id, name: me.name, color: me.color },
      story: options.storyId,
      cursor: null,
    });
    this.offs.push(room.subscribe(this.onRoomChange));
    this.offs.push(room.chat.subscribe(this.emitState));
    this.onShared();
    this.emitState();
  }

  /** Storybook rendered the story with `args`: share the user's changes. */
  localArgs(args: Args): void {
    if (this.destroyed) return;
    const { write, apply } = this.sync.local(args, this.shared());
    if (nonEmpty(write)) {
      this.doc.transact(() => {
        for (const [key, value] of Object.entries(write)) this.map.set(key, encodeArg(value));
      });
    }
    if (nonEmpty(apply)) this.options.updateArgs(apply);
  }

  /** My pointer over the canvas (`null` when it left); sent at most at the client's cursor rate. */
  setCursor(cursor: Cursor | null): void {
    if (this.destroyed) return;
    this.options.room.presence.set({ cursor });
  }

  async sendChat(text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed || this.destroyed) return;
    try {
      await this.options.room.chat.send(trimmed);
      this.chatError = undefined;
    } catch (error) {
      this.chatError = error instanceof Error ? error.message : String(error);
    }
    this.emitState();
  }

  /** Others with their cursor, for the canvas overlay. */
  others(): { person: Person; cursor: Cursor | null }[] {
    return this.options.room.presence.others().map((other) => {
      const presence = other.presence as StoryPresence;
      return { person: personOf(other.clientId, presence), cursor: validCursor(presence.cursor) };
    });
  }

  state(): PanelState {
    const { room, storyId, me } = this.options;
    const others = this.others().map((o) => o.person);
    const colors = new Map(
      room.presence
        .others()
        .map((o) => [(o.presence as StoryPresence).user?.id, (o.presence as StoryPresence).user?.color]),
    );
    const chat = room.chat
      .getState()
      .messages.filter((m) => m.deletedAt === null)
      .map((m) => chatLine(m, me, colors.get(m.userId)));
    return {
      storyId,
      room: room.name,
      status: room.status as ConnectionState,
      error: undefined,
      me: { name: me.name, color: me.color },
      others,
      chat,
      chatError: this.chatError,
    };
  }

  /** Re-emits the state even if unchanged (the manager panel asked for it). */
  announce(): void {
    this.lastState = '';
    this.emitState();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.map.unobserve(this.onShared);
    for (const off of this.offs.splice(0)) off();
    this.options.room.presence.set({ cursor: null });
    this.options.room.presence.flush();
  }

  private shared(): Args {
    return Object.fromEntries([...this.map.entries()].map(([key, value]) => [key, decodeArg(value)]));
  }

  private readonly onShared = () => {
    if (this.destroyed) return;
    const updates = this.sync.remote(this.shared());
    if (nonEmpty(updates)) this.options.updateArgs(updates);
  };

  private readonly onRoomChange = () => {
    // After a refused edit the client reloads into a new Y.Doc: follow it.
    if (this.options.room.doc !== this.doc) {
      this.map.unobserve(this.onShared);
      this.doc = this.options.room.doc;
      this.map = this.doc.getMap(ARGS_MAP);
      this.map.observe(this.onShared);
      this.onShared();
    }
    this.emitState();
  };

  private readonly emitState = () => {
    if (this.destroyed) return;
    const state = this.state();
    const json = JSON.stringify(state);
    if (json === this.lastState) return;
    this.lastState = json;
    this.options.onState(state);
  };
}

function personOf(clientId: number, presence: StoryPresence): Person {
  return {
    clientId,
    name: presence.user?.name ?? `Guest ${clientId % 1000}`,
    color: presence.user?.color ?? '#888888',
    pointing: validCursor(presence.cursor) !== null,
  };
}

/** Awareness comes from other clients: accept only finite numbers. */
export function validCursor(cursor: unknown): Cursor | null {
  if (typeof cursor !== 'object' || cursor === null) return null;
  const { x, y } = cursor as { x: unknown; y: unknown };
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
    ? { x, y }
    : null;
}

function chatLine(message: ChatMessage, me: Me, color: string | undefined): ChatLine {
  const mine = me.id !== undefined ? message.userId === me.id : message.userName === me.name;
  return {
    id: message.id,
    name: message.userName,
    color: mine ? me.color : color,
    text: message.text,
    at: message.createdAt,
    mine,
  };
}

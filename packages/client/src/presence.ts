import type { PresenceStatus, PresenceUser } from '@ensemble/protocol';
import type { RoomConnection } from './room.js';
import { type Throttled, throttle } from './throttle.js';

/** What Ensemble puts in awareness; apps add their own fields (cursor, selection…). */
export interface Presence {
  user?: { id?: string; name?: string; color?: string; avatar?: string };
  status?: PresenceStatus;
  typing?: boolean;
  [field: string]: unknown;
}

export interface Other {
  clientId: number;
  presence: Presence;
  /** The server's view of this user (status, typing), when `presence.user.id` names them. */
  user?: PresenceUser;
}

/** How often `set()` tells the server you are active, and how often `typing()` renews. */
const TOUCH_EVERY_MS = 15_000;
const TYPING_RENEW_MS = 2_000;

/**
 * Presence of a room: others (awareness) and my own state with updates throttled to the cursor rate,
 * plus the server's per-user view: status (`editing | idle | running | away`, set by you or derived
 * from activity) and typing indicators, kept current from `presence` events.
 */
export class PresenceApi {
  private readonly send: Throttled<[Presence]>;
  private mine: Presence = {};
  private cachedOthers: Other[] = [];
  private cachedVersion = -1;
  private cachedUsersVersion = -1;
  private serverUsers: PresenceUser[] = [];
  private usersVersion = 0;
  private myUserId: string | undefined;
  private touchedAt = 0;
  private typingSent: { where: string | null; at: number } | null = null;

  constructor(
    private readonly room: RoomConnection,
    cursorHz: number,
  ) {
    this.send = throttle((state: Presence) => this.room.awareness.setLocalState(state), cursorHz);
    room.events.on('service', (event) => {
      if (event.service !== 'presence' || event.name !== 'presence') return;
      this.setUsers((event.body as { users: PresenceUser[] }).users);
    });
    let live = false;
    room.events.on('status', (status) => {
      // Once per (re)connect: `saved` follows every acknowledged edit.
      const now = status === 'synced' || status === 'saved';
      if (now && !live) {
        this.typingSent = null;
        void this.refresh().catch(() => undefined);
      }
      live = now;
    });
  }

  /** Everyone in the room by user, with the server's status and typing (stable between changes). */
  users(): PresenceUser[] {
    return this.serverUsers;
  }

  /** The server's view of one user, or of you without an argument. */
  user(userId: string | undefined = this.myUserId): PresenceUser | undefined {
    return this.serverUsers.find((u) => u.userId === userId);
  }

  /** Sets your status for everyone (`null`: let the server derive it again). */
  async setStatus(status: PresenceStatus | null): Promise<PresenceUser | null> {
    const { user } = await this.room.request<{ user: PresenceUser | null }>('presence', 'setStatus', {
      status,
    });
    return user;
  }

  /**
   * Shows "typing in `where`" to others; call on every keystroke (renewals are rate-limited here, and
   * the server drops the indicator 5 s after the last one). `stopTyping()` ends it at once.
   */
  typing(where?: string): void {
    const now = Date.now();
    const at = where ?? null;
    if (this.typingSent && this.typingSent.where === at && now - this.typingSent.at < TYPING_RENEW_MS) return;
    this.typingSent = { where: at, at: now };
    this.request('typing', { on: true, ...(where ? { where } : {}) });
  }

  stopTyping(): void {
    if (!this.typingSent) return;
    this.typingSent = null;
    this.request('typing', { on: false });
  }

  /** Reloads the server's list (done automatically after every (re)sync). */
  async refresh(): Promise<PresenceUser[]> {
    const { users, you } = await this.room.request<{ users: PresenceUser[]; you: string }>(
      'presence',
      'list',
    );
    this.myUserId = you;
    this.setUsers(users);
    return users;
  }

  /** Everyone else in the room, stable between changes (safe as a React snapshot). */
  others(): Other[] {
    if (this.cachedVersion !== this.room.snapshotVersion || this.cachedUsersVersion !== this.usersVersion) {
      const self = this.room.doc.clientID;
      this.cachedOthers = [...this.room.awareness.getStates().entries()]
        .filter(([id]) => id !== self)
        .map(([clientId, state]) => {
          const presence = state as Presence;
          const user = presence.user?.id ? this.user(presence.user.id) : undefined;
          return user ? { clientId, presence, user } : { clientId, presence };
        })
        .sort((a, b) => a.clientId - b.clientId);
      this.cachedVersion = this.room.snapshotVersion;
      this.cachedUsersVersion = this.usersVersion;
    }
    return this.cachedOthers;
  }

  me(): Presence {
    return this.mine;
  }

  /** Merges `patch` into my presence; sent at most at the cursor rate, the last value always arrives. */
  set(patch: Presence): void {
    this.mine = { ...this.mine, ...patch };
    this.send(this.mine);
    // Cursor moves are activity too: the server keeps you from turning `away` while you are here.
    const now = Date.now();
    const live = this.room.status === 'synced' || this.room.status === 'saved';
    if (live && now - this.touchedAt >= TOUCH_EVERY_MS) {
      this.touchedAt = now;
      this.request('touch', {});
    }
  }

  /** Sends a pending presence change now (e.g. at drag end). */
  flush(): void {
    this.send.flush();
  }

  private setUsers(users: PresenceUser[]): void {
    this.serverUsers = users;
    this.usersVersion++;
    this.room.events.emit('change', undefined);
  }

  /** Fire-and-forget: presence hints are not worth an error when the socket is down. */
  private request(method: string, params: unknown): void {
    this.room.request('presence', method, params).catch(() => undefined);
  }
}

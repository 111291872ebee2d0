import type { RoomConnection } from './room.js';
import { type Throttled, throttle } from './throttle.js';

export type PresenceStatus = 'editing' | 'idle' | 'running' | 'away';

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
}

/** Presence of a room: others, and my own state with updates throttled to the cursor rate. */
export class PresenceApi {
  private readonly send: Throttled<[Presence]>;
  private mine: Presence = {};
  private cachedOthers: Other[] = [];
  private cachedVersion = -1;

  constructor(
    private readonly room: RoomConnection,
    cursorHz: number,
  ) {
    this.send = throttle((state: Presence) => this.room.awareness.setLocalState(state), cursorHz);
  }

  /** Everyone else in the room, stable between changes (safe as a React snapshot). */
  others(): Other[] {
    if (this.cachedVersion !== this.room.snapshotVersion) {
      const self = this.room.doc.clientID;
      this.cachedOthers = [...this.room.awareness.getStates().entries()]
        .filter(([id]) => id !== self)
        .map(([clientId, presence]) => ({ clientId, presence: presence as Presence }))
        .sort((a, b) => a.clientId - b.clientId);
      this.cachedVersion = this.room.snapshotVersion;
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
  }

  /** Sends a pending presence change now (e.g. at drag end). */
  flush(): void {
    this.send.flush();
  }
}

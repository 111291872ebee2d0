import type { RoomConnection } from './room.js';

export interface LoadableState {
  /** The first page arrived. */
  loaded: boolean;
}

/**
 * A server-backed list kept live in the client (chat, activity, assistant thread): loaded on the
 * first `subscribe` or `load()` once the room is synced, patched by the subclass from service
 * events, and refreshed once after every reconnect to catch up on what happened meanwhile.
 */
export abstract class LiveStore<S extends LoadableState> {
  protected state: S;
  private readonly listeners = new Set<() => void>();
  private loading: Promise<void> | undefined;

  constructor(
    protected readonly room: RoomConnection,
    initial: S,
  ) {
    this.state = initial;
    let live = false;
    room.events.on('status', (status) => {
      // `saved` alone follows every acknowledged edit; only the way back from offline refreshes.
      const now = status === 'synced' || status === 'saved';
      if (now && !live && this.state.loaded && !this.loading) void this.refresh().catch(() => undefined);
      live = now;
    });
  }

  /** Fetches the newest page and merges it into the state (marking it loaded). */
  protected abstract refresh(): Promise<void>;

  /** Live state; the first subscriber loads the newest page. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.state.loaded && !this.loading) void this.load().catch(() => undefined);
    return () => {
      this.listeners.delete(listener);
    };
  }

  getState(): S {
    return this.state;
  }

  /** Loads the newest page into the live store (waits until the room is synced). */
  load(): Promise<void> {
    this.loading ??= this.room
      .whenSynced()
      .then(() => this.refresh())
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** Replaces the state and tells subscribers (and the room's `change` listeners). */
  protected setState(next: S): void {
    this.state = next;
    for (const listener of [...this.listeners]) listener();
    this.room.events.emit('change', undefined);
  }
}

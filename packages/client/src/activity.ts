import type { ActivityEntry, ActivityPage, ActivitySummary } from '@ensemble/protocol';
import { LiveStore } from './live-store.js';
import type { RoomConnection } from './room.js';

export interface ActivityQuery {
  since?: Date | string;
  until?: Date | string;
  types?: string[];
  userId?: string;
  /** 1–500, default 50. */
  limit?: number;
  /** Only entries older than this entry id (the `next` of the previous page). */
  before?: string;
}

/** The live activity store; a new object after every change (safe as a React snapshot). */
export interface ActivityState {
  /** Newest first; an `edited` entry is replaced in place while it grows. */
  entries: ActivityEntry[];
  hasOlder: boolean;
  loaded: boolean;
}

const PAGE = 50;
/** The live store keeps at most this many entries (older pages are a `list()` away). */
const KEEP = 500;

const iso = (t: Date | string | undefined) => (t instanceof Date ? t.toISOString() : t);

function newestFirst(entries: ActivityEntry[]): ActivityEntry[] {
  return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, KEEP);
}

/**
 * The room's activity stream: queries (`list`, `summary`), live entries (`on`) and a store loaded on
 * first `subscribe` or `load()`, kept current from server events and refreshed after reconnects.
 */
export class ActivityApi extends LiveStore<ActivityState> {
  constructor(room: RoomConnection) {
    super(room, { entries: [], hasOlder: false, loaded: false });
    room.events.on('service', (event) => {
      if (event.service === 'activity' && event.name === 'entry') this.upsert([event.body as ActivityEntry]);
    });
  }

  /** One page of the stored stream, newest first, filtered by time, type and user. */
  list(query: ActivityQuery = {}): Promise<ActivityPage> {
    const { since, until, ...rest } = query;
    return this.room.request<ActivityPage>('activity', 'list', {
      ...rest,
      ...(since ? { since: iso(since) } : {}),
      ...(until ? { until: iso(until) } : {}),
    });
  }

  /** Who did what in the last `windowMs` (default 5 min): "Ana: 12 edits in the last 5 min". */
  summary(windowMs = 5 * 60_000): Promise<ActivitySummary> {
    return this.room.request<ActivitySummary>('activity', 'summary', { windowMs });
  }

  /** Every live entry (new ones, and growing `edited` entries again with the same id). */
  on(listener: (entry: ActivityEntry) => void): () => void {
    return this.room.events.on('service', (event) => {
      if (event.service === 'activity' && event.name === 'entry') listener(event.body as ActivityEntry);
    });
  }

  /** Appends the page after the oldest loaded entry; false when there is nothing older. */
  async loadOlder(limit = PAGE): Promise<boolean> {
    const oldest = this.state.entries.at(-1);
    if (!oldest || !this.state.hasOlder) return false;
    const page = await this.list({ before: oldest.id, limit });
    this.upsert(page.entries, { hasOlder: page.next !== null });
    return page.entries.length > 0;
  }

  protected async refresh(): Promise<void> {
    const page = await this.list({ limit: PAGE });
    this.upsert(page.entries, {
      loaded: true,
      hasOlder: this.state.loaded ? this.state.hasOlder || page.next !== null : page.next !== null,
    });
  }

  private upsert(entries: ActivityEntry[], change: Partial<ActivityState> = {}): void {
    const byId = new Map(this.state.entries.map((e) => [e.id, e]));
    for (const e of entries) byId.set(e.id, e);
    this.setState({ ...this.state, ...change, entries: newestFirst([...byId.values()]) });
  }
}

import type { RoomConnection } from './room.js';

export type LockKind = 'soft' | 'hard' | 'region';
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LockInfo {
  resource: string;
  kind: LockKind;
  owner: { userId: string; name: string; connectionId: string };
  token: number;
  acquiredAt: number;
  expiresAt: number | null;
  region: Region | null;
}

export type AcquireResult = { granted: true; lock: LockInfo } | { granted: false; heldBy: LockInfo };

/** Soft locks expire 8 s after the last renewal; renewing every 3 s leaves room for a slow network. */
const SOFT_RENEW_MS = 3_000;

/**
 * Server-arbitrated locks. The room's lock table stays current from server events; soft locks this
 * client holds are renewed automatically until released.
 */
export class LocksApi {
  private readonly table = new Map<string, LockInfo>();
  private readonly renewals = new Map<string, ReturnType<typeof setInterval>>();
  private cached: LockInfo[] = [];
  private dirty = true;

  constructor(private readonly room: RoomConnection) {
    room.events.on('service', (event) => {
      if (event.service !== 'locks') return;
      if (event.name === 'acquired')
        this.table.set((event.body as LockInfo).resource, event.body as LockInfo);
      if (event.name === 'released') {
        const { resource } = event.body as { resource: string };
        this.table.delete(resource);
        this.stopRenewing(resource);
      }
      this.dirty = true;
      room.events.emit('change', undefined);
    });
    room.events.on('status', (status) => {
      if (status === 'synced' || status === 'saved') void this.refresh().catch(() => undefined);
    });
  }

  /** All current locks in the room (stable between changes). */
  all(): LockInfo[] {
    if (this.dirty) {
      this.cached = [...this.table.values()].sort((a, b) => a.resource.localeCompare(b.resource));
      this.dirty = false;
    }
    return this.cached;
  }

  get(resource: string): LockInfo | undefined {
    return this.table.get(resource);
  }

  async acquire(
    resource: string,
    options: { kind?: LockKind; region?: Region } = {},
  ): Promise<AcquireResult> {
    const result = await this.room.request<AcquireResult>('locks', 'acquire', { resource, ...options });
    if (result.granted) {
      this.table.set(resource, result.lock);
      this.dirty = true;
      if (result.lock.kind === 'soft') this.startRenewing(resource);
    }
    return result;
  }

  async release(resource: string): Promise<boolean> {
    this.stopRenewing(resource);
    const { released } = await this.room.request<{ released: boolean }>('locks', 'release', { resource });
    return released;
  }

  async refresh(): Promise<LockInfo[]> {
    const { locks } = await this.room.request<{ locks: LockInfo[] }>('locks', 'list');
    this.table.clear();
    for (const lock of locks) this.table.set(lock.resource, lock);
    this.dirty = true;
    this.room.events.emit('change', undefined);
    return this.all();
  }

  stopAll(): void {
    for (const resource of [...this.renewals.keys()]) this.stopRenewing(resource);
  }

  private startRenewing(resource: string): void {
    this.stopRenewing(resource);
    const timer = setInterval(() => {
      this.room.request('locks', 'renew', { resource }).catch(() => this.stopRenewing(resource));
    }, SOFT_RENEW_MS);
    this.renewals.set(resource, timer);
  }

  private stopRenewing(resource: string): void {
    clearInterval(this.renewals.get(resource));
    this.renewals.delete(resource);
  }
}

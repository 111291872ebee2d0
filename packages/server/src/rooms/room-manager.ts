import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { Room, type RoomDeps } from './room.js';

/**
 * Owns the rooms of this node: one load per room however many sockets arrive at once (SPEC 3.1),
 * idle rooms flushed and unloaded, and a room never served while it is still loading or unloading.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly deps: RoomDeps,
    private readonly onCountChange: (loaded: number) => void = () => undefined,
  ) {}

  get loaded(): number {
    return this.rooms.size;
  }

  list(): Room[] {
    return [...this.rooms.values()];
  }

  peek(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  /** The loaded room, loading it (once) if needed. Cancels a pending idle unload. */
  async acquire(name: string): Promise<Room> {
    this.cancelIdle(name);
    const ready = this.rooms.get(name);
    if (ready) return ready;
    const inFlight = this.loading.get(name);
    if (inFlight) return inFlight;
    if (this.rooms.size + this.loading.size >= this.deps.limits.maxRooms) {
      throw new EnsembleError(
        ErrorCode.NotReady,
        `this node already serves ${this.deps.limits.maxRooms} rooms`,
      );
    }
    const load = (async () => {
      await this.unloading.get(name);
      const room = await Room.load(name, this.deps);
      this.rooms.set(name, room);
      this.onCountChange(this.rooms.size);
      return room;
    })().finally(() => this.loading.delete(name));
    this.loading.set(name, load);
    return load;
  }

  /** Call when a room's last socket left: it unloads after the idle timeout unless someone returns. */
  release(room: Room): void {
    if (room.members.size > 0 || this.idleTimers.has(room.name)) return;
    const timer = setTimeout(() => {
      this.idleTimers.delete(room.name);
      if (room.members.size === 0) void this.unload(room);
    }, this.deps.limits.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room.name, timer);
  }

  /** Unloads every room (shutdown): all writes flushed, final snapshots taken. */
  async closeAll(): Promise<void> {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.allSettled([...this.loading.values()]);
    await Promise.all([...this.rooms.values()].map((room) => this.unload(room)));
    await Promise.all([...this.unloading.values()]);
  }

  private cancelIdle(name: string): void {
    const timer = this.idleTimers.get(name);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(name);
    }
  }

  private unload(room: Room): Promise<void> {
    if (this.rooms.get(room.name) !== room) return this.unloading.get(room.name) ?? Promise.resolve();
    this.rooms.delete(room.name);
    this.onCountChange(this.rooms.size);
    const done = room
      .unload()
      .catch((error: unknown) => {
        this.deps.onError(error, `unloading room ${room.name}`);
        room.destroy();
      })
      .finally(() => this.unloading.delete(room.name));
    this.unloading.set(room.name, done);
    return done;
  }
}

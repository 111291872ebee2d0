import { type AssistantExchange, EnsembleError, ErrorCode } from '@ensemble/protocol';

export type { AssistantExchange } from '@ensemble/protocol';

export interface ThreadQuery {
  limit: number;
  /** Exchanges asked before the one with this id (the `next` cursor of the previous page). */
  before?: string;
}

export interface AssistantStore {
  insert(room: string, exchange: AssistantExchange): Promise<void>;
  /** Stores the final answer, status, error and time of an exchange. */
  finish(room: string, exchange: AssistantExchange): Promise<void>;
  /** The newest `limit` exchanges before the cursor, oldest first; NotFound for an unknown cursor. */
  thread(room: string, query: ThreadQuery): Promise<AssistantExchange[]>;
  /**
   * The update-log position after which the room's newest `count` updates lie (0 when it has fewer):
   * the facilitator reads authorship from there instead of replaying a huge log from the start.
   */
  recentLogStart(room: string, count: number): Promise<number>;
}

export const unknownExchange = (id: string) =>
  new EnsembleError(ErrorCode.NotFound, `no assistant exchange ${id} in this room (cursor "before")`);

/** In-memory thread for tests and embedders without a database. */
export class MemoryAssistantStore implements AssistantStore {
  private readonly rooms = new Map<string, AssistantExchange[]>();

  async insert(room: string, exchange: AssistantExchange): Promise<void> {
    const list = this.rooms.get(room) ?? [];
    list.push(structuredClone(exchange));
    this.rooms.set(room, list);
  }

  async finish(room: string, exchange: AssistantExchange): Promise<void> {
    const list = this.rooms.get(room) ?? [];
    const i = list.findIndex((e) => e.id === exchange.id);
    if (i >= 0) list[i] = structuredClone(exchange);
  }

  async thread(room: string, query: ThreadQuery): Promise<AssistantExchange[]> {
    const list = this.rooms.get(room) ?? [];
    let end = list.length;
    if (query.before !== undefined) {
      end = list.findIndex((e) => e.id === query.before);
      if (end < 0) throw unknownExchange(query.before);
    }
    return list.slice(Math.max(0, end - query.limit), end).map((e) => structuredClone(e));
  }

  async recentLogStart(): Promise<number> {
    return 0;
  }
}

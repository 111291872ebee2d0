import type { AssistantExchange, AssistantPage } from '@ensemble/protocol';
import { LiveStore } from './live-store.js';
import type { RoomConnection } from './room.js';

/** The live thread; a new object after every change (safe as a React snapshot). */
export interface AssistantState {
  /** Oldest first; a pending answer grows as its deltas arrive. */
  exchanges: AssistantExchange[];
  hasOlder: boolean;
  loaded: boolean;
}

const PAGE = 50;

/**
 * The room's shared assistant: `ask` a question, watch the answer stream into the live thread (loaded
 * on first `subscribe` or `load()`), or wait for it with `answer(id)`.
 */
export class AssistantApi extends LiveStore<AssistantState> {
  private readonly waiters = new Map<string, ((e: AssistantExchange) => void)[]>();

  constructor(room: RoomConnection) {
    super(room, { exchanges: [], hasOlder: false, loaded: false });
    room.events.on('service', (event) => {
      if (event.service === 'assistant') this.onEvent(event.name, event.body);
    });
  }

  /** Asks the room's assistant; resolves once the question is accepted (the answer streams after). */
  async ask(question: string): Promise<AssistantExchange> {
    const exchange = await this.room.request<AssistantExchange>('assistant', 'ask', { question });
    if (!this.state.exchanges.some((e) => e.id === exchange.id)) this.replace([exchange]);
    return exchange;
  }

  /** Resolves with the exchange once its answer is complete (status `done` or `error`). */
  answer(id: string): Promise<AssistantExchange> {
    const known = this.state.exchanges.find((e) => e.id === id);
    if (known && known.status !== 'pending') return Promise.resolve(known);
    return new Promise((resolve) => {
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]);
    });
  }

  /** One page of the thread, oldest first. */
  thread(options: { before?: string; limit?: number } = {}): Promise<AssistantPage> {
    return this.room.request<AssistantPage>('assistant', 'thread', options);
  }

  /** Prepends the page before the oldest loaded exchange; false when there is nothing older. */
  async loadOlder(limit = PAGE): Promise<boolean> {
    const oldest = this.state.exchanges[0];
    if (!oldest || !this.state.hasOlder) return false;
    const page = await this.thread({ before: oldest.id, limit });
    this.replace(page.exchanges, { hasOlder: page.next !== null });
    return page.exchanges.length > 0;
  }

  protected async refresh(): Promise<void> {
    const page = await this.thread({ limit: PAGE });
    this.replace(page.exchanges, {
      loaded: true,
      hasOlder: this.state.loaded ? this.state.hasOlder || page.next !== null : page.next !== null,
    });
  }

  private onEvent(name: string, body: unknown): void {
    if (name === 'question' || name === 'answer.done') {
      this.replace([body as AssistantExchange]);
      return;
    }
    if (name === 'answer.delta') {
      const { id, delta } = body as { id: string; delta: string };
      const current = this.state.exchanges.find((e) => e.id === id);
      // Not seen yet (joined mid-answer): the next thread load carries the answer so far.
      if (current) this.replace([{ ...current, answer: current.answer + delta }]);
    }
  }

  /** Puts exchanges in (replacing same ids), keeps the thread in asking order, wakes waiters. */
  private replace(exchanges: AssistantExchange[], change: Partial<AssistantState> = {}): void {
    const byId = new Map(this.state.exchanges.map((e) => [e.id, e]));
    for (const e of exchanges) byId.set(e.id, e);
    const sorted = [...byId.values()].sort((a, b) => a.askedAt.localeCompare(b.askedAt));
    this.setState({ ...this.state, ...change, exchanges: sorted });
    for (const e of exchanges) {
      if (e.status === 'pending') continue;
      for (const resolve of this.waiters.get(e.id) ?? []) resolve(e);
      this.waiters.delete(e.id);
    }
  }
}

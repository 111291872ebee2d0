import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '../../limits/memory-rate-limiter.js';
import { rateRule } from '../../limits/rate-limiter.js';
import { type AssistantExchange, MemoryAssistantStore } from '../../persistence/assistant-store.js';
import { caller, fakeRoom } from '../test-support/fake-context.js';
import { AnswerError, type Answerer, type AnswerRequest, type RoomFacts } from './answerer.js';
import { AssistantService } from './assistant-service.js';
import { Facilitator } from './facilitator.js';

/** An answerer the test drives piece by piece. */
class Scripted implements Answerer {
  readonly name = 'scripted';
  private queue: ((v: IteratorResult<string>) => void)[] = [];
  private pending: IteratorResult<string>[] = [];
  private failWith: Error | null = null;

  push(piece: string) {
    this.deliver({ value: piece, done: false });
  }
  end() {
    this.deliver({ value: undefined, done: true });
  }
  fail(error: Error) {
    this.failWith = error;
    this.deliver({ value: undefined, done: true });
  }
  private deliver(r: IteratorResult<string>) {
    const waiter = this.queue.shift();
    if (waiter) waiter(r);
    else this.pending.push(r);
  }
  async *answer({ signal }: AnswerRequest): AsyncIterable<string> {
    for (;;) {
      const r = await new Promise<IteratorResult<string>>((resolve, reject) => {
        const next = this.pending.shift();
        if (next) return resolve(next);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        this.queue.push(resolve);
      });
      if (r.done) {
        if (this.failWith) throw this.failWith;
        return;
      }
      yield r.value;
    }
  }
}

const facts: RoomFacts = {
  room: 'room:test',
  now: () => 0,
  people: () => [{ userId: 'ana', name: 'Ana', connections: 1 }],
  locks: async () => [],
  recentChat: async () => null,
  activity: async () => null,
  keyHistory: async () => null,
  changesSince: async () => null,
  lastVersion: async () => null,
};

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(answerers: Answerer[], maxPending = 3) {
  const room = fakeRoom();
  const store = new MemoryAssistantStore();
  const errors: unknown[] = [];
  const service = new AssistantService(room.ctx, store, {
    answerers,
    facts,
    now: room.now,
    maxPending,
    onError: (e) => errors.push(e),
  });
  const names = () => room.events.map((e) => e.name);
  return { room, store, service, errors, names };
}

describe('AssistantService', () => {
  it('announces the question, streams the answer to everyone and stores it', async () => {
    const scripted = new Scripted();
    const { room, store, service, names } = setup([scripted]);
    const asked = await service.ask('When do we ship?', caller('ana'));
    expect(asked).toMatchObject({ status: 'pending', answer: '', askedBy: { userId: 'ana', name: 'Ana' } });
    scripted.push('Fri');
    scripted.push('day');
    await tick();
    const during = (await service.handle('thread', {}, caller('bo'))) as { exchanges: AssistantExchange[] };
    expect(during.exchanges[0]).toMatchObject({ answer: 'Friday', status: 'pending' });
    scripted.end();
    await tick();
    expect(names()).toEqual(['question', 'answer.delta', 'answer.delta', 'answer.done']);
    expect(room.events.filter((e) => e.name === 'answer.delta').map((e) => e.body)).toEqual([
      { id: asked.id, delta: 'Fri' },
      { id: asked.id, delta: 'day' },
    ]);
    const [stored] = await store.thread('room:test', { limit: 10 });
    expect(stored).toMatchObject({ answer: 'Friday', status: 'done', answerer: 'scripted', error: null });
    expect(stored!.answeredAt).not.toBeNull();
  });

  it('ends a failed answer with a readable error in the thread; the room carries on', async () => {
    const scripted = new Scripted();
    const { room, store, service, errors } = setup([scripted]);
    const asked = await service.ask('hello?', caller('ana'));
    scripted.push('Partial');
    scripted.fail(new AnswerError('the model server answered HTTP 500'));
    await tick();
    await tick();
    const done = room.events.find((e) => e.name === 'answer.done')!.body as AssistantExchange;
    expect(done).toMatchObject({
      id: asked.id,
      status: 'error',
      answer: 'Partial',
      error: 'the model server answered HTTP 500',
    });
    expect((await store.thread('room:test', { limit: 1 }))[0]).toMatchObject({ status: 'error' });
    expect(errors).toEqual([]);
    // An unexpected failure is logged and shown without internals.
    const second = await service.ask('again?', caller('ana'));
    scripted.fail(new TypeError('boom'));
    await tick();
    await tick();
    expect((await store.thread('room:test', { limit: 1 }))[0]).toMatchObject({
      id: second.id,
      status: 'error',
      error: 'the assistant failed while answering (internal error)',
    });
    expect(errors).toHaveLength(1);
  });

  it('limits questions answered at once and refuses bad questions and viewers', async () => {
    const scripted = new Scripted();
    const { service } = setup([scripted], 1);
    await service.ask('one', caller('ana'));
    await expect(service.ask('two', caller('bo'))).rejects.toMatchObject({ code: 'ENSEMBLE_RATE_LIMITED' });
    await expect(service.handle('ask', { question: '   ' }, caller('ana'))).rejects.toThrow(
      /invalid assistant request: question/,
    );
    await expect(service.handle('ask', { question: 'x'.repeat(2_001) }, caller('ana'))).rejects.toThrow(
      /question/,
    );
    await expect(
      service.handle('ask', { question: 'hi' }, caller('vi', 'c-vi', 'viewer')),
    ).rejects.toMatchObject({
      code: 'ENSEMBLE_FORBIDDEN',
    });
    await expect(service.handle('thread', { before: 'nope' }, caller('ana'))).rejects.toMatchObject({
      code: 'ENSEMBLE_NOT_FOUND',
    });
  });

  it("limits each user's question rate in a room through the shared limiter", async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ now: () => now });
    const rule = rateRule('assistant', 2, 60_000);
    const ask = (room: ReturnType<typeof fakeRoom>, who: string, q: string) =>
      new AssistantService(room.ctx, new MemoryAssistantStore(), {
        answerers: [new Facilitator()],
        facts,
        questionRate: { limiter, rule },
      }).ask(q, caller(who));
    const here = fakeRoom();
    const there = fakeRoom({ room: 'room:other' });
    await ask(here, 'ana', 'who is here?');
    await ask(here, 'ana', 'who is here?');
    await expect(ask(here, 'ana', 'who is here?')).rejects.toMatchObject({
      code: 'ENSEMBLE_RATE_LIMITED',
      message: expect.stringMatching(/2 questions a minute in this room; ask again in 30 s/),
    });
    // Other people, and other rooms, have their own budgets.
    await expect(ask(here, 'bo', 'who is here?')).resolves.toMatchObject({ status: 'pending' });
    await expect(ask(there, 'ana', 'who is here?')).resolves.toMatchObject({ status: 'pending' });
    now += 30_000;
    await expect(ask(here, 'ana', 'who is here?')).resolves.toMatchObject({ status: 'pending' });
  });

  it('stops answers in progress when the room unloads and stores them as interrupted', async () => {
    const scripted = new Scripted();
    const { store, service } = setup([scripted]);
    await service.ask('long question', caller('ana'));
    scripted.push('Working on');
    await tick();
    await service.beforeUnload();
    expect((await store.thread('room:test', { limit: 1 }))[0]).toMatchObject({
      answer: 'Working on',
      status: 'error',
      error: 'the room closed before the answer was finished',
    });
    await expect(service.ask('more?', caller('ana'))).rejects.toMatchObject({ code: 'ENSEMBLE_NOT_READY' });
  });

  it('routes known questions to the facilitator and the rest to the next answerer', async () => {
    const scripted = new Scripted();
    const { service } = setup([new Facilitator(false), scripted]);
    expect((await service.ask('who is here?', caller('ana'))).answerer).toBe('facilitator');
    expect((await service.ask('write me a poem', caller('ana'))).answerer).toBe('scripted');
  });

  it('pages the thread backwards', async () => {
    const { service } = setup([new Facilitator()], 10);
    for (const q of ['q1', 'q2', 'q3']) await service.ask(q, caller('ana'));
    await tick();
    const page = (await service.handle('thread', { limit: 2 }, caller('ana'))) as {
      exchanges: AssistantExchange[];
      next: string | null;
    };
    expect(page.exchanges.map((e) => e.question)).toEqual(['q2', 'q3']);
    const older = (await service.handle('thread', { limit: 2, before: page.next }, caller('ana'))) as {
      exchanges: AssistantExchange[];
      next: string | null;
    };
    expect(older.exchanges.map((e) => e.question)).toEqual(['q1']);
    expect(older.next).toBeNull();
  });
});

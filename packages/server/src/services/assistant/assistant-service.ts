import { randomUUID } from 'node:crypto';
import { type AssistantPage, EnsembleError, ErrorCode } from '@ensemble/protocol';
import { z } from 'zod';
import { can } from '../../auth/room-grants.js';
import type { RateLimiter, RateRule } from '../../limits/rate-limiter.js';
import type { AssistantExchange, AssistantStore } from '../../persistence/assistant-store.js';
import type { HistoryStore } from '../../persistence/history-store.js';
import { parseParams } from '../params.js';
import type { RoomService, ServiceCaller, ServiceContext } from '../service.js';
import { AnswerError, type Answerer, type RoomFacts } from './answerer.js';
import { Facilitator } from './facilitator.js';
import { roomFacts } from './room-facts.js';

export interface AssistantOptions {
  /** Tried in order; the first that accepts a question answers it. Default: the facilitator. */
  answerers?: Answerer[];
  /** Enables answers about changes (who changed X, what changed since T). */
  history?: HistoryStore;
  now?: () => number;
  /** Questions being answered at once per room; more are refused until one finishes. Default 3. */
  maxPending?: number;
  /** Questions per user in this room (shared cluster-wide when the limiter is); none by default. */
  questionRate?: { limiter: RateLimiter; rule: RateRule };
  /** Longer answers are cut off here. Default 32,000 characters. */
  maxAnswerChars?: number;
  onError?: (error: unknown, context: string) => void;
  /** Replaces the facts (tests). */
  facts?: RoomFacts;
}

export const MAX_QUESTION_CHARS = 2_000;

const schemas = {
  ask: z.object({ question: z.string().trim().min(1).max(MAX_QUESTION_CHARS) }),
  thread: z.object({
    before: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  }),
};

const parse = <T>(schema: z.ZodType<T>, params: unknown): T =>
  parseParams(schema, params, 'assistant request');

class RoomClosed extends AnswerError {
  constructor() {
    super('the room closed before the answer was finished');
  }
}

/**
 * The room's shared assistant (issue 4 §7): one Q&A thread per room, persisted; every member sees a
 * question (`question`), its answer as it streams (`answer.delta`) and the final state (`answer.done`).
 * Answer failures end in the thread with a readable error and never reach the room.
 */
export class AssistantService implements RoomService {
  readonly name = 'assistant';
  private readonly answerers: Answerer[];
  private readonly facts: RoomFacts;
  private readonly now: () => number;
  private readonly onError: (error: unknown, context: string) => void;
  private readonly inFlight = new Map<
    string,
    { exchange: AssistantExchange; stop: AbortController; done: Promise<void> }
  >();
  private closed = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly store: AssistantStore,
    private readonly options: AssistantOptions = {},
  ) {
    this.answerers = options.answerers?.length ? options.answerers : [new Facilitator()];
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => undefined);
    this.facts =
      options.facts ??
      roomFacts({
        ctx,
        history: options.history,
        logStart: (room, count) => store.recentLogStart(room, count),
        now: this.now,
      });
  }

  async handle(method: string, params: unknown, caller: ServiceCaller): Promise<unknown> {
    switch (method) {
      case 'ask':
        return this.ask(parse(schemas.ask, params).question, caller);
      case 'thread': {
        const p = parse(schemas.thread, params);
        const stored = await this.store.thread(
          this.ctx.room,
          p.before ? { limit: p.limit, before: p.before } : { limit: p.limit },
        );
        // Answers still streaming are newer in memory than in the store.
        const exchanges = stored.map((e) => structuredClone(this.inFlight.get(e.id)?.exchange ?? e));
        return {
          exchanges,
          next: exchanges.length === p.limit ? exchanges[0]!.id : null,
        } satisfies AssistantPage;
      }
      default:
        throw new EnsembleError(ErrorCode.BadRequest, `assistant has no method ${method}`);
    }
  }

  async ask(question: string, caller: ServiceCaller): Promise<AssistantExchange> {
    if (!can(caller.role, 'chat'))
      throw new EnsembleError(ErrorCode.Forbidden, 'viewers cannot ask the assistant');
    if (this.options.questionRate) await this.checkQuestionRate(this.options.questionRate, caller);
    if (this.closed) throw new EnsembleError(ErrorCode.NotReady, 'the room is closing');
    const max = this.options.maxPending ?? 3;
    if (this.inFlight.size >= max) {
      throw new EnsembleError(
        ErrorCode.RateLimited,
        `the assistant is already answering ${max} questions in this room; ask again when one is done`,
      );
    }
    const now = this.now();
    const answerer = this.answerers.find((a) => a.accepts?.(question, now) ?? true) ?? this.answerers.at(-1)!;
    const exchange: AssistantExchange = {
      id: randomUUID(),
      question,
      askedBy: { userId: caller.userId, name: caller.userName },
      answerer: answerer.name,
      answer: '',
      status: 'pending',
      error: null,
      askedAt: new Date(now).toISOString(),
      answeredAt: null,
    };
    // Stored before anyone sees it: the thread never shows a question that could vanish.
    await this.store.insert(this.ctx.room, exchange);
    const stop = new AbortController();
    const entry = { exchange, stop, done: Promise.resolve() };
    this.inFlight.set(exchange.id, entry);
    this.ctx.broadcast('question', exchange);
    entry.done = this.answer(exchange, answerer, stop.signal).finally(() =>
      this.inFlight.delete(exchange.id),
    );
    return structuredClone(exchange);
  }

  private async checkQuestionRate(
    rate: NonNullable<AssistantOptions['questionRate']>,
    caller: ServiceCaller,
  ): Promise<void> {
    // JSON keeps room and user apart whatever characters either contains.
    const decision = await rate.limiter.take(rate.rule, JSON.stringify([this.ctx.room, caller.userId]));
    if (decision.allowed) return;
    const perMinute = (rate.rule.limit * 60_000) / rate.rule.windowMs;
    throw new EnsembleError(
      ErrorCode.RateLimited,
      `you can ask the assistant ${perMinute} questions a minute in this room; ask again in ${Math.ceil(decision.retryAfterMs / 1000)} s`,
    );
  }

  /** Stops answers in progress (they end as errors in the thread) and waits until they are stored. */
  async beforeUnload(): Promise<void> {
    this.closed = true;
    for (const { stop } of this.inFlight.values()) stop.abort(new RoomClosed());
    await Promise.all([...this.inFlight.values()].map((e) => e.done));
  }

  destroy(): void {
    this.closed = true;
    for (const { stop } of this.inFlight.values()) stop.abort(new RoomClosed());
  }

  private async answer(exchange: AssistantExchange, answerer: Answerer, signal: AbortSignal): Promise<void> {
    const limit = this.options.maxAnswerChars ?? 32_000;
    try {
      for await (const delta of answerer.answer({
        question: exchange.question,
        asker: exchange.askedBy,
        facts: this.facts,
        signal,
      })) {
        if (signal.aborted) throw signal.reason;
        if (typeof delta !== 'string' || delta.length === 0) continue;
        const room = limit - exchange.answer.length;
        const piece = delta.slice(0, Math.max(0, room));
        if (piece) {
          exchange.answer += piece;
          this.send('answer.delta', { id: exchange.id, delta: piece });
        }
        if (piece.length < delta.length)
          throw new AnswerError(`the answer was cut off at ${limit.toLocaleString('en')} characters`);
      }
      if (signal.aborted) throw signal.reason;
      exchange.status = 'done';
    } catch (error) {
      exchange.status = 'error';
      if (error instanceof AnswerError) exchange.error = error.message;
      else {
        this.onError(error, `assistant (${answerer.name}) in room ${this.ctx.room}`);
        exchange.error = 'the assistant failed while answering (internal error)';
      }
    }
    exchange.answeredAt = new Date(this.now()).toISOString();
    try {
      await this.store.finish(this.ctx.room, exchange);
    } catch (error) {
      this.onError(error, `storing an assistant answer in room ${this.ctx.room}`);
    }
    this.send('answer.done', exchange);
  }

  private send(name: string, body: unknown): void {
    if (this.closed && name !== 'answer.done') return;
    try {
      this.ctx.broadcast(name, body);
    } catch (error) {
      // A room torn down mid-answer has nobody left to tell; the stored answer is what counts.
      this.onError(error, `assistant broadcast in room ${this.ctx.room}`);
    }
  }
}

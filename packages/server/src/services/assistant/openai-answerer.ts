import { AnswerError, type Answerer, type AnswerRequest, type RoomFacts } from './answerer.js';
import { sseEvents } from './sse.js';

export interface OpenAiOptions {
  /** Base URL of an OpenAI-compatible API, e.g. `https://api.openai.com/v1`; `/chat/completions` is appended. */
  url: string;
  /** Sent as `Authorization: Bearer <key>` when set. */
  key?: string | undefined;
  model: string;
  /** The whole answer (connect + stream) must finish within this. Default 60 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type Chunk = {
  choices?: { delta?: { content?: unknown }; message?: { content?: unknown } }[];
  error?: { message?: unknown } | string;
};

const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** The room as the model sees it: who is here, locks, recent activity and chat. */
export async function describeRoom(facts: RoomFacts): Promise<string> {
  const [locks, activity, chat] = await Promise.all([
    facts.locks().catch(() => null),
    facts.activity(15 * 60_000).catch(() => null),
    facts.recentChat(20).catch(() => null),
  ]);
  const people = facts.people().map((p) => (p.status ? `${p.name} (${p.status})` : p.name));
  const lines = [
    `Room: ${facts.room}`,
    `Now: ${new Date(facts.now()).toISOString()}`,
    `People here: ${people.length > 0 ? people.join(', ') : 'nobody'}`,
    `Locks: ${
      locks && locks.length > 0
        ? locks.map((l) => `${l.resource} (${l.kind}, ${l.owner.name})`).join('; ')
        : 'none'
    }`,
    `Activity in the last 15 min: ${activity ? activity.text : 'unknown'}`,
  ];
  if (chat && chat.length > 0) {
    lines.push('Recent chat (oldest first):', ...chat.map((m) => `${m.userName}: ${clip(m.text, 300)}`));
  }
  return lines.join('\n');
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof AnswerError) return error.message;
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError') {
    const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
    return `the model server did not finish answering within ${limit}`;
  }
  if (name === 'AbortError') return 'the answer was stopped';
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return `the model server could not be reached (${cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'unknown error'})`;
}

/**
 * An OpenAI-compatible chat-completions answerer (`ENSEMBLE_ASSISTANT_URL`): streams the answer as it
 * is generated, with the room's context in the system prompt. Every failure (HTTP error, timeout,
 * malformed stream) becomes an `AnswerError` people can read in the thread.
 */
export class OpenAiAnswerer implements Answerer {
  readonly name: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: OpenAiOptions) {
    this.name = `model:${options.model}`;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async *answer(request: AnswerRequest): AsyncIterable<string> {
    try {
      yield* this.stream(request);
    } catch (error) {
      throw new AnswerError(describeFailure(error, this.timeoutMs), { cause: error });
    }
  }

  private async *stream({ question, asker, facts, signal }: AnswerRequest): AsyncIterable<string> {
    const system = [
      'You are the shared assistant of a collaborative Ensemble room. Everyone in the room reads your answers.',
      'Answer briefly and concretely from the room context below; say so when it does not contain the answer.',
      '',
      await describeRoom(facts),
    ].join('\n');
    const response = await this.fetch(`${this.options.url.replace(/\/+$/, '')}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...(this.options.key ? { authorization: `Bearer ${this.options.key}` } : {}),
      },
      body: JSON.stringify({
        model: this.options.model,
        stream: true,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: `${asker.name} asks: ${question}` },
        ],
      }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]),
    });
    if (!response.ok) {
      const body = clip((await response.text().catch(() => '')).replace(/\s+/g, ' ').trim(), 200);
      throw new AnswerError(`the model server answered HTTP ${response.status}${body ? `: ${body}` : ''}`);
    }
    if (!response.body) throw new AnswerError('the model server sent an empty response');
    // A server that ignores `stream: true` answers with one JSON document.
    if ((response.headers.get('content-type') ?? '').includes('application/json')) {
      const content = this.content((await response.json()) as Chunk, 'message');
      if (!content) throw new AnswerError('the model server returned no answer');
      yield content;
      return;
    }
    let received = false;
    for await (const data of sseEvents(response.body as unknown as AsyncIterable<Uint8Array>)) {
      if (data.trim() === '[DONE]') {
        if (!received) break;
        return;
      }
      let chunk: Chunk;
      try {
        chunk = JSON.parse(data) as Chunk;
      } catch {
        throw new AnswerError(`the model server sent a malformed stream chunk: ${clip(data, 80)}`);
      }
      const delta = this.content(chunk, 'delta');
      if (delta) {
        received = true;
        yield delta;
      }
    }
    if (!received) throw new AnswerError('the model server ended the stream without an answer');
  }

  private content(chunk: Chunk, where: 'delta' | 'message'): string {
    if (chunk.error) {
      const message =
        typeof chunk.error === 'string' ? chunk.error : String(chunk.error.message ?? 'unknown');
      throw new AnswerError(`the model server reported an error: ${clip(message, 200)}`);
    }
    const content = chunk.choices?.[0]?.[where]?.content;
    return typeof content === 'string' ? content : '';
  }
}

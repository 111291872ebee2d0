import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeChatCompletions,
  startFakeChatCompletions,
} from '../../test-support/fake-chat-completions.js';
import type { RoomFacts } from './answerer.js';
import { OpenAiAnswerer } from './openai-answerer.js';

const facts: RoomFacts = {
  room: 'project:7',
  now: () => Date.parse('2025-03-01T10:00:00Z'),
  people: () => [
    { userId: 'ana', name: 'Ana', connections: 1, status: 'editing' },
    { userId: 'bo', name: 'Bo', connections: 1, status: 'idle' },
  ],
  locks: async () => [
    {
      resource: 'node:1',
      kind: 'hard',
      owner: { userId: 'ana', name: 'Ana', connectionId: 'c1' },
      token: 1,
      acquiredAt: 0,
      expiresAt: null,
      region: null,
    },
  ],
  recentChat: async () => [
    { id: 'm1', userId: 'bo', userName: 'Bo', text: 'ship it friday?', at: '2025-03-01T09:59:00Z' },
  ],
  activity: async () => ({
    windowMs: 900_000,
    since: '',
    users: [],
    text: 'Ana: 12 edits in the last 15 min',
  }),
  keyHistory: async () => null,
  changesSince: async () => null,
  lastVersion: async () => null,
};

async function collect(answerer: OpenAiAnswerer, signal = new AbortController().signal) {
  const deltas: string[] = [];
  try {
    for await (const d of answerer.answer({
      question: 'When do we ship?',
      asker: { userId: 'ana', name: 'Ana' },
      facts,
      signal,
    }))
      deltas.push(d);
    return { deltas, error: null };
  } catch (error) {
    return { deltas, error: error as Error };
  }
}

describe('OpenAiAnswerer against a local fake chat-completions server', () => {
  let fake: FakeChatCompletions;
  afterEach(async () => {
    await fake?.close();
  });

  it('streams the deltas and sends the room context, model and key', async () => {
    fake = await startFakeChatCompletions({ kind: 'stream', pieces: ['Friday', ', says', ' Bo.'] });
    const answerer = new OpenAiAnswerer({ url: `${fake.url}/`, key: 'sk-test', model: 'tiny-1' });
    const { deltas, error } = await collect(answerer);
    expect(error).toBeNull();
    expect(deltas).toEqual(['Friday', ', says', ' Bo.']);
    const request = fake.requests[0]!;
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.body).toMatchObject({ model: 'tiny-1', stream: true });
    const system = request.body.messages![0]!.content;
    expect(system).toContain('People here: Ana (editing), Bo (idle)');
    expect(system).toContain('node:1 (hard, Ana)');
    expect(system).toContain('Bo: ship it friday?');
    expect(system).toContain('Ana: 12 edits in the last 15 min');
    expect(request.body.messages![1]).toEqual({ role: 'user', content: 'Ana asks: When do we ship?' });
    expect(answerer.name).toBe('model:tiny-1');
  });

  it('turns an HTTP error into a readable error', async () => {
    fake = await startFakeChatCompletions({
      kind: 'http-error',
      status: 503,
      body: '{"error":{"message":"model overloaded"}}',
    });
    const { error } = await collect(new OpenAiAnswerer({ url: fake.url, model: 'm' }));
    expect(error?.name).toBe('AnswerError');
    expect(error?.message).toBe(
      'the model server answered HTTP 503: {"error":{"message":"model overloaded"}}',
    );
  });

  it('reports a malformed stream after the part that did arrive', async () => {
    fake = await startFakeChatCompletions({ kind: 'bad-stream' });
    const { deltas, error } = await collect(new OpenAiAnswerer({ url: fake.url, model: 'm' }));
    expect(deltas).toEqual(['Partial']);
    expect(error?.message).toMatch(/^the model server sent a malformed stream chunk/);
  });

  it('gives up after the timeout', async () => {
    fake = await startFakeChatCompletions({ kind: 'hang' });
    const { error } = await collect(new OpenAiAnswerer({ url: fake.url, model: 'm', timeoutMs: 200 }));
    expect(error?.message).toBe('the model server did not finish answering within 200 ms');
  });

  it('says when the server cannot be reached', async () => {
    fake = await startFakeChatCompletions();
    const url = fake.url;
    await fake.close();
    const { error } = await collect(new OpenAiAnswerer({ url, model: 'm' }));
    expect(error?.message).toMatch(/^the model server could not be reached \(ECONNREFUSED\)/);
    fake = await startFakeChatCompletions();
  });
});

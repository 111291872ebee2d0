/**
 * The shared assistant on a real node: the facilitator answers from the room's data (who is here, who
 * changed a node, who holds locks, what changed since a time); questions it does not know go to an
 * OpenAI-compatible model (a local fake) whose streamed answer every member sees; model failures end
 * as readable errors in the thread.
 */
import type { AssistantExchange, Room } from '@ensemble/client';
import { type FakeChatCompletions, startFakeChatCompletions } from '@ensemble/server/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../../src/runtime/node.js';
import { startTestNode, TEST_SECRET } from '../../src/test-support/node.js';
import { until } from '../support.js';
import { testClients } from './support.js';

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('shared assistant', () => {
  let node: EnsembleNode;
  let fake: FakeChatCompletions;
  let ana: Room;
  let bo: Room;
  let beforeBo: Date;

  const clients = testClients(() => node.url);
  const join = (sub: string, room = 'assist:1') => clients.join(sub, room);
  const ask = async (room: Room, question: string): Promise<AssistantExchange> => {
    const asked = await room.assistant.ask(question);
    return room.assistant.answer(asked.id);
  };

  beforeAll(async () => {
    fake = await startFakeChatCompletions();
    node = await startTestNode({
      jwtSecret: TEST_SECRET,
      assistantUrl: fake.url,
      assistantKey: 'sk-fake',
      assistantModel: 'fake-1',
    });
    ana = await join('ana');
    bo = await join('bo');
    ana.doc.getMap('graph').set('node:7', { label: 'osc' });
    await ana.whenSaved();
    await tick();
    beforeBo = new Date();
    await tick();
    bo.doc.getMap('graph').set('node:7', { label: 'mixer' });
    bo.doc.getMap('graph').set('node:8', { label: 'out' });
    await bo.whenSaved();
    expect((await ana.locks.acquire('node:1', { kind: 'hard' })).granted).toBe(true);
    await bo.assistant.load();
  }, 60_000);

  afterAll(async () => {
    clients.closeAll();
    await node?.close();
    await fake?.close();
  });

  it('says who is here', async () => {
    const answer = await ask(ana, 'Who is here?');
    expect(answer).toMatchObject({ answerer: 'facilitator', status: 'done' });
    expect(answer.answer).toMatch(/^2 people are here: ANA \((editing|idle)\) and BO \((editing|idle)\)\.$/);
  });

  it('says who changed a node and when', async () => {
    const answer = await ask(bo, 'who changed node:7?');
    expect(answer.answer).toMatch(/^node:7 was changed 2 times by BO and ANA\.\nLast change: BO at /);
    const none = await ask(bo, 'who changed node:99?');
    expect(none.answer).toBe('Nobody has changed node:99.');
  });

  it('says who holds which locks', async () => {
    const answer = await ask(bo, 'who holds which locks?');
    expect(answer.answer).toMatch(/^1 lock is held:\n- node:1: hard lock by ANA since /);
  });

  it('says what changed since a time', async () => {
    const answer = await ask(ana, `what changed since ${beforeBo.toISOString()}?`);
    expect(answer.answer).toMatch(/: 2 changes by BO\.\n/);
    expect(answer.answer).toContain('- graph › node:7 changed (BO)');
    expect(answer.answer).toContain('- graph › node:8 added (BO)');
  });

  it('shows every question and answer to every member, live', async () => {
    await until(() => bo.assistant.getState().exchanges.length >= 5, 'bo has the whole thread');
    const mine = bo.assistant.getState().exchanges.find((e) => e.question === 'Who is here?');
    expect(mine).toMatchObject({ askedBy: { userId: 'ana', name: 'ANA' }, status: 'done' });
  });

  it('streams a model answer to two clients and persists it', async () => {
    fake.behaviour = { kind: 'stream', pieces: ['Nodes', ' hum', ' softly,', ' mixer', ' glows.'] };
    // Deltas per exchange: a late delta of the previous question must not count for this one.
    const deltas: Record<string, { id: string; delta: string }[]> = { ana: [], bo: [] };
    for (const [name, room] of [
      ['ana', ana],
      ['bo', bo],
    ] as const) {
      room.connection.events.on('service', (e) => {
        if (e.service === 'assistant' && e.name === 'answer.delta')
          deltas[name]!.push(e.body as { id: string; delta: string });
      });
    }
    const answer = await ask(ana, 'Write a haiku about our graph');
    expect(answer).toMatchObject({
      answerer: 'model:fake-1',
      status: 'done',
      answer: 'Nodes hum softly, mixer glows.',
    });
    const of = (name: string) => deltas[name]!.filter((d) => d.id === answer.id).map((d) => d.delta);
    await until(() => of('bo').join('') === answer.answer, 'bo received every delta');
    expect(of('ana')).toEqual(['Nodes', ' hum', ' softly,', ' mixer', ' glows.']);
    expect(of('bo')).toEqual(of('ana'));
    // The model got the room's context and the key.
    const request = fake.requests.at(-1)!;
    expect(request.headers.authorization).toBe('Bearer sk-fake');
    expect(request.body.messages![0]!.content).toContain('node:1 (hard, ANA)');
    // A member who joins later reads the stored answer.
    const cy = await join('cy');
    const { exchanges } = await cy.assistant.thread();
    expect(exchanges.at(-1)).toMatchObject({
      question: 'Write a haiku about our graph',
      answer: answer.answer,
      status: 'done',
    });
  });

  it('ends a failing model answer with a clear error, and the room carries on', async () => {
    fake.behaviour = { kind: 'http-error', status: 500, body: '{"error":{"message":"upstream exploded"}}' };
    const failed = await ask(bo, 'Tell me a story');
    expect(failed).toMatchObject({
      status: 'error',
      answerer: 'model:fake-1',
      error: 'the model server answered HTTP 500: {"error":{"message":"upstream exploded"}}',
    });
    await until(
      () => ana.assistant.getState().exchanges.some((e) => e.id === failed.id && e.status === 'error'),
      'ana sees the error in the thread',
    );
    fake.behaviour = { kind: 'bad-stream' };
    const garbled = await ask(bo, 'Tell me another story');
    expect(garbled).toMatchObject({ status: 'error', answer: 'Partial' });
    expect(garbled.error).toMatch(/malformed stream chunk/);
    // Still serving: the facilitator answers and documents keep syncing.
    expect((await ask(bo, 'who is here?')).status).toBe('done');
    ana.doc.getMap('graph').set('node:9', { label: 'after' });
    await until(() => bo.doc.getMap('graph').has('node:9'), 'edits still sync');
  });

  it('refuses empty questions with a clear error', async () => {
    await expect(ana.assistant.ask('   ')).rejects.toThrow(/invalid assistant request: question/);
  });
});

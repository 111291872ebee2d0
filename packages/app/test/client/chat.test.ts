/** Chat and comments (issue 4 §3) with several SDK clients and REST against a real node. */
import type { ChatAnchor, ChatMessage } from '@ensemble/client';
import type { Role } from '@ensemble/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../../src/runtime/node.js';
import { startTestNode, TEST_SECRET } from '../../src/test-support/node.js';
import { until } from '../support.js';
import { testClients, tokenFor } from './support.js';

describe('chat and comments', () => {
  let node: EnsembleNode;
  const clients = testClients(() => node.url);

  const { join } = clients;
  const api = async (path: string, sub: string, role: Role, init: RequestInit = {}) =>
    fetch(`${node.url}/api/v1${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${await tokenFor(sub, role)}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });

  beforeAll(async () => {
    node = await startTestNode({ jwtSecret: TEST_SECRET });
  });
  afterAll(async () => {
    clients.closeAll();
    await node?.close();
  });

  it('sends, edits own, deletes own (admins any), and everyone’s live store follows', async () => {
    const ana = await join('ana', 'chat:basics');
    const bo = await join('bo', 'chat:basics');
    const boss = await join('boss', 'chat:basics', 'admin');
    await bo.chat.load();

    const hello = await ana.chat.send('hello team');
    expect(hello).toMatchObject({ userId: 'ana', userName: 'ANA', text: 'hello team', editedAt: null });
    await until(() => bo.chat.getState().messages.some((m) => m.id === hello.id), 'bo sees the message live');

    await expect(bo.chat.edit(hello.id, 'hijacked')).rejects.toMatchObject({
      code: 'ENSEMBLE_FORBIDDEN',
      message: 'you can only edit your own messages',
    });
    await expect(bo.chat.delete(hello.id)).rejects.toMatchObject({ code: 'ENSEMBLE_FORBIDDEN' });

    const edited = await ana.chat.edit(hello.id, 'hello everyone');
    expect(edited.editedAt).not.toBeNull();
    await until(
      () => bo.chat.getState().messages.find((m) => m.id === hello.id)?.text === 'hello everyone',
      'bo sees the edit',
    );

    const boLine = await bo.chat.send('oops, wrong room');
    const removed = await boss.chat.delete(boLine.id);
    expect(removed).toMatchObject({ text: '', deletedBy: 'boss' });
    await until(
      () => bo.chat.getState().messages.find((m) => m.id === boLine.id)?.deletedAt !== null,
      'bo sees the deletion',
    );
    await expect(bo.chat.edit(boLine.id, 'revive')).rejects.toMatchObject({
      code: 'ENSEMBLE_BAD_REQUEST',
      message: expect.stringMatching(/was deleted/),
    });
    const page = await ana.chat.list();
    expect(page.messages.map((m) => [m.userId, m.text])).toEqual([
      ['bo', ''],
      ['ana', 'hello everyone'],
    ]);
  });

  it('toggles reactions and shows typing to others', async () => {
    const ana = await join('ana', 'chat:react');
    const bo = await join('bo', 'chat:react');
    await ana.chat.load();
    await bo.chat.load();
    const m = await ana.chat.send('ship it?');
    expect((await bo.chat.react(m.id, '👍')).added).toBe(true);
    expect((await ana.chat.react(m.id, '👍')).reactions).toEqual([
      {
        emoji: '👍',
        count: 2,
        users: [
          { userId: 'bo', name: 'BO' },
          { userId: 'ana', name: 'ANA' },
        ],
      },
    ]);
    const off = await bo.chat.react(m.id, '👍');
    expect(off).toMatchObject({ added: false, reactions: [{ emoji: '👍', count: 1 }] });
    await until(
      () => ana.chat.getState().messages.find((x) => x.id === m.id)?.reactions[0]?.count === 1,
      'ana’s store has the toggled reaction',
    );

    bo.chat.typing(true);
    await until(() => ana.chat.getState().typing.some((t) => t.userId === 'bo'), 'ana sees bo typing');
    await bo.chat.send('yes');
    await until(() => ana.chat.getState().typing.length === 0, 'typing ends when bo sends');
  });

  it('keeps read receipts and unread counts per user', async () => {
    const ana = await join('ana', 'chat:reads');
    const bo = await join('bo', 'chat:reads');
    const sent: ChatMessage[] = [];
    for (const text of ['one', 'two', 'three']) sent.push(await ana.chat.send(text));
    expect(await bo.chat.unread()).toEqual({ count: 3, lastRead: null, userId: 'bo' });
    expect((await ana.chat.unread()).count).toBe(0);

    await ana.chat.load();
    expect(await bo.chat.markRead(sent[1]!.id)).toBe(1);
    await until(() => ana.chat.getState().reads.bo?.upTo === sent[1]!.id, 'ana sees bo’s read receipt');

    await bo.chat.load();
    expect(bo.chat.getState().unread).toBe(1);
    await ana.chat.send('four');
    await until(() => bo.chat.getState().unread === 2, 'bo’s unread count follows live messages');
    expect(await bo.chat.markRead()).toBe(0);
    expect(bo.chat.getState().unread).toBe(0);
  });

  it('pages through history, newest first, and loads older pages into the live store', async () => {
    const ana = await join('ana', 'chat:pages');
    for (let i = 0; i < 65; i++) await ana.chat.send(`line ${i}`);
    const first = await ana.chat.list({ limit: 30 });
    const second = await ana.chat.list({ limit: 30, before: first.nextBefore! });
    const third = await ana.chat.list({ limit: 30, before: second.nextBefore! });
    expect(first.messages[0]!.text).toBe('line 64');
    expect(second.messages[0]!.text).toBe('line 34');
    expect(third.messages.map((m) => m.text)).toEqual(['line 4', 'line 3', 'line 2', 'line 1', 'line 0']);
    expect(third.nextBefore).toBeNull();

    const bo = await join('bo', 'chat:pages');
    await bo.chat.load();
    expect(bo.chat.getState()).toMatchObject({ hasOlder: true });
    expect(bo.chat.getState().messages).toHaveLength(50);
    while (await bo.chat.loadOlder()) {
      // keep paging
    }
    const texts = bo.chat.getState().messages.map((m) => m.text);
    expect(texts).toEqual(Array.from({ length: 65 }, (_, i) => `line ${i}`));
    expect(bo.chat.getState().hasOlder).toBe(false);
  });

  it('searches full text, filters by user and time, and counts stats', async () => {
    const ana = await join('ana', 'chat:search');
    const bo = await join('bo', 'chat:search');
    // Timestamps have millisecond precision: let the clock move between messages so that time
    // bounds taken from one message's createdAt separate it from its neighbours.
    const tick = () => new Promise((r) => setTimeout(r, 5));
    const a1 = await ana.chat.send('Deploying the shader pipeline now');
    await tick();
    const b1 = await bo.chat.send('The deployment of the shader failed');
    await tick();
    const a2 = await ana.chat.send('Rolling back');
    await bo.chat.react(a1.id, '🎉');

    expect((await bo.chat.search('deploy shader')).map((m) => m.id).sort()).toEqual([a1.id, b1.id].sort());
    expect((await bo.chat.search('deployed', { userId: 'bo' })).map((m) => m.id)).toEqual([b1.id]);
    expect(await bo.chat.search('"shader pipeline"')).toHaveLength(1);
    expect(await bo.chat.search('nothing-like-this')).toEqual([]);

    const byAna = await bo.chat.list({ userId: 'ana' });
    expect(byAna.messages.map((m) => m.id)).toEqual([a2.id, a1.id]);
    const fromB1 = await bo.chat.list({ from: b1.createdAt });
    expect(fromB1.messages.map((m) => m.id)).toEqual([a2.id, b1.id]);
    const untilB1 = await bo.chat.list({ to: b1.createdAt });
    expect(untilB1.messages.map((m) => m.id)).toEqual([b1.id, a1.id]);
    expect(await bo.chat.search('shader', { from: a2.createdAt })).toEqual([]);

    const stats = await ana.chat.stats();
    expect(stats).toMatchObject({
      messages: 3,
      replies: 0,
      deleted: 0,
      users: [
        { userId: 'ana', name: 'ANA', messages: 2 },
        { userId: 'bo', name: 'BO', messages: 1 },
      ],
      reactions: { total: 1, byEmoji: [{ emoji: '🎉', count: 1 }] },
      comments: { open: 0, resolved: 0 },
    });
    expect(stats.days).toEqual([{ day: a1.createdAt.slice(0, 10), messages: 3 }]);
    expect((await ana.chat.stats({ userId: 'bo' })).messages).toBe(1);
  });

  it('exports JSON, CSV and TXT', async () => {
    const ana = await join('ana', 'chat:export');
    const first = await ana.chat.send('plain line');
    await ana.chat.send('has, "quotes"\nand two lines');
    await ana.chat.reply(first.id, 'a reply');
    const json = await ana.chat.export('json');
    expect(json.contentType).toBe('application/json; charset=utf-8');
    const parsed = JSON.parse(json.body) as { room: string; messages: { text: string }[] };
    expect(parsed.room).toBe('chat:export');
    expect(parsed.messages.map((m) => m.text)).toEqual([
      'plain line',
      'has, "quotes"\nand two lines',
      'a reply',
    ]);

    const csv = await ana.chat.export('csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      'id,created_at,user_id,user_name,kind,parent_id,anchor,text,edited_at,resolved_at,resolved_by,reactions',
    );
    expect(csv.body).toContain('"has, ""quotes""\nand two lines"');
    expect(csv.body).toContain(`,reply,${first.id},,a reply,`);

    const txt = await ana.chat.export('txt');
    expect(txt.body).toMatch(/\] ANA: plain line\n {4}↳ \[.+\] ANA: a reply\n/);
  });

  it('keeps text-comment anchors on the same words through concurrent edits by two clients', async () => {
    const ana = await join('ana', 'chat:anchors');
    const bo = await join('bo', 'chat:anchors');
    ana.doc.getText('code').insert(0, 'hello world');
    await ana.whenSaved();
    await until(() => bo.doc.getText('code').toString() === 'hello world', 'bo has the text');

    const anchor = ana.chat.textAnchor('code', 6, 11);
    const comment = await ana.chat.comment('should this be "planet"?', anchor);
    expect(comment.anchor).toEqual(anchor);

    // Both edit in the same tick, before either sees the other's change.
    ana.doc.getText('code').insert(0, 'Oh, ');
    bo.doc.getText('code').insert(5, ',');
    bo.doc.getText('code').insert(12, '!');
    const expected = 'Oh, hello, world!';
    await until(
      () => ana.doc.getText('code').toString() === expected && bo.doc.getText('code').toString() === expected,
      'both converge',
    );
    expect(ana.chat.resolveAnchor(anchor)).toEqual({ start: 11, end: 16, text: 'world' });
    expect(bo.chat.resolveAnchor(anchor)).toEqual({ start: 11, end: 16, text: 'world' });
    await ana.whenSaved();
    await bo.whenSaved();
    const [listed] = await bo.chat.comments({ target: 'code' });
    expect(listed).toMatchObject({ id: comment.id, range: { start: 11, end: 16, text: 'world' } });

    // Text typed right at either edge stays outside; deleting around it keeps the words.
    bo.doc.getText('code').delete(0, 11);
    bo.doc.getText('code').insert(0, '>');
    await until(() => ana.doc.getText('code').toString() === '>world!', 'ana converges');
    expect(ana.chat.resolveAnchor(anchor)).toEqual({ start: 1, end: 6, text: 'world' });

    const missing = { ...anchor, field: 'missing' } as ChatAnchor;
    await expect(ana.chat.comment('where?', missing)).rejects.toMatchObject({
      code: 'ENSEMBLE_BAD_REQUEST',
      message: 'invalid anchor: the document has no text named missing',
    });
  });

  it('threads replies under comments and resolves them; resolution shows in filters and stats', async () => {
    const ana = await join('ana', 'chat:threads');
    const bo = await join('bo', 'chat:threads', 'commenter');
    const resolvedEvents: unknown[] = [];
    ana.chat.on('resolved', (body) => resolvedEvents.push(body));
    const c1 = await bo.chat.comment('node 7 is too dark', bo.chat.nodeAnchor('node:7'));
    const c2 = await ana.chat.comment('rename this node', ana.chat.nodeAnchor('node:8'));
    const r1 = await ana.chat.reply(c1.id, 'fixed the light');
    await expect(bo.chat.reply(r1.id, 'nested?')).rejects.toMatchObject({
      code: 'ENSEMBLE_BAD_REQUEST',
      message: expect.stringMatching(/is a reply; reply to the thread's first message/),
    });
    await expect(ana.chat.resolve(r1.id)).rejects.toMatchObject({
      message: 'only comments (anchored messages) can be resolved',
    });

    const resolved = await bo.chat.resolve(c1.id);
    expect(resolved).toMatchObject({ resolvedBy: 'bo' });
    await until(() => resolvedEvents.length === 1, 'ana hears the resolution');

    expect((await ana.chat.comments({ resolved: false })).map((c) => c.id)).toEqual([c2.id]);
    const [done] = await ana.chat.comments({ resolved: true });
    expect(done).toMatchObject({
      id: c1.id,
      replyCount: 1,
      replies: [{ id: r1.id, text: 'fixed the light' }],
    });
    expect(await ana.chat.thread(c1.id)).toMatchObject([{ id: r1.id }]);
    expect((await ana.chat.stats()).comments).toEqual({ open: 1, resolved: 1 });
    // Comments and replies stay out of the main chat.
    expect((await ana.chat.list()).messages).toEqual([]);

    await ana.chat.resolve(c1.id, false);
    expect((await ana.chat.comments({ resolved: false })).map((c) => c.id)).toEqual([c1.id, c2.id]);
  });

  it('lets commenters chat but not edit the document; refuses viewers clearly', async () => {
    const ana = await join('ana', 'chat:roles');
    const carl = await join('carl', 'chat:roles', 'commenter');
    const eve = await join('eve', 'chat:roles', 'viewer');
    expect(await carl.chat.send('I can talk')).toMatchObject({ userId: 'carl' });

    carl.doc.getText('t').insert(0, 'but not write');
    // The server handles a socket's frames in order: once this answer arrives, the edit was handled.
    await carl.chat.send('did my edit land?');
    await node.sync.flush();
    expect(await node.sync.readRoom('chat:roles', (doc) => doc.getText('t').toString())).toBe('');
    expect(ana.doc.getText('t').toString()).toBe('');

    await expect(eve.chat.send('hi')).rejects.toMatchObject({
      code: 'ENSEMBLE_FORBIDDEN',
      message: 'role viewer cannot send messages in this room; chat needs commenter or higher',
    });
    const line = (await eve.chat.list()).messages.at(-1);
    await expect(eve.chat.react(line!.id, '👍')).rejects.toMatchObject({ code: 'ENSEMBLE_FORBIDDEN' });
    await expect(eve.chat.comment('x', eve.chat.nodeAnchor('n'))).rejects.toMatchObject({
      code: 'ENSEMBLE_FORBIDDEN',
    });
    // Viewers read, search and keep their own read mark.
    expect(line!.text).toBe('I can talk');
    expect(await eve.chat.markRead(line!.id)).toBe(1);
    expect((await ana.chat.list()).messages).toHaveLength(2);
  });

  it('answers malformed requests with clear errors and stores nothing', async () => {
    const ana = await join('ana', 'chat:bad');
    const attempts: [string, unknown, RegExp][] = [
      ['send', { text: '' }, /invalid chat send: text: must not be empty/],
      ['send', { text: 'x'.repeat(4001) }, /at most 4000 characters/],
      ['send', { text: 42 }, /invalid chat send: text/],
      ['send', { text: 'hi', parentId: 'nope' }, /parentId: must be a message id/],
      ['send', { text: 'hi', parentId: crypto.randomUUID() }, /no message .* in this room/],
      ['comment', { text: 'hi', anchor: { kind: 'node' } }, /anchor.id/],
      ['react', { id: crypto.randomUUID(), emoji: '👍' }, /no message/],
      ['list', { limit: 10_000 }, /limit/],
      ['list', { before: crypto.randomUUID() }, /before: no message/],
      ['search', { q: '' }, /q: must not be empty/],
      ['export', { format: 'xml' }, /format/],
      ['frobnicate', {}, /chat has no method frobnicate/],
    ];
    for (const [method, params, message] of attempts) {
      await expect(ana.connection.request('chat', method, params), method).rejects.toThrow(message);
    }
    expect((await ana.chat.list()).messages).toEqual([]);
    expect((await ana.chat.stats()).messages).toBe(0);
    // The socket is still fine.
    await expect(ana.chat.send('still here')).resolves.toMatchObject({ text: 'still here' });
  });

  describe('REST', () => {
    it('posts (live to sockets), lists, searches, reports stats, and exports files', async () => {
      const ana = await join('ana', 'chat:rest');
      await ana.chat.load();
      const posted = await api('/rooms/chat%3Arest/chat/messages', 'ci', 'commenter', {
        method: 'POST',
        body: JSON.stringify({ text: 'build 42 is green, deploying' }),
      });
      expect(posted.status).toBe(201);
      const message = (await posted.json()) as { id: string; userId: string };
      expect(message.userId).toBe('ci');
      await until(
        () => ana.chat.getState().messages.some((m) => m.id === message.id),
        'socket sees REST post',
      );
      await ana.chat.send('=1+1, "nice"');

      const list = await api('/rooms/chat%3Arest/chat/messages?limit=1', 'eve', 'viewer');
      expect(list.status).toBe(200);
      const page = (await list.json()) as { messages: { text: string }[]; nextBefore: string | null };
      expect(page.messages.map((m) => m.text)).toEqual(['=1+1, "nice"']);
      const older = await api(`/rooms/chat%3Arest/chat/messages?before=${page.nextBefore}`, 'eve', 'viewer');
      expect(((await older.json()) as { messages: { id: string }[] }).messages[0]!.id).toBe(message.id);

      const search = await api('/rooms/chat%3Arest/chat/search?q=deploy&userId=ci', 'eve', 'viewer');
      expect(((await search.json()) as { messages: { id: string }[] }).messages.map((m) => m.id)).toEqual([
        message.id,
      ]);
      const stats = (await (await api('/rooms/chat%3Arest/chat/stats', 'eve', 'viewer')).json()) as {
        messages: number;
      };
      expect(stats.messages).toBe(2);

      const csv = await api('/rooms/chat%3Arest/chat/export?format=csv', 'eve', 'viewer');
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(
        /^attachment; filename="chat-chat_rest-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const csvBody = await csv.text();
      expect(csvBody).toContain(`"'=1+1, ""nice"""`);
      const txt = await api('/rooms/chat%3Arest/chat/export?format=txt', 'eve', 'viewer');
      expect(txt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await txt.text()).toContain('] CI: build 42 is green, deploying\n');
      const json = await api('/rooms/chat%3Arest/chat/export', 'eve', 'viewer');
      expect(json.headers.get('content-disposition')).toMatch(/\.json"$/);
      expect(((await json.json()) as { count: number }).count).toBe(2);
      const comments = await api('/rooms/chat%3Arest/chat/comments?resolved=false', 'eve', 'viewer');
      expect(await comments.json()).toEqual({ comments: [] });
    });

    it('documents the chat routes in the OpenAPI spec', async () => {
      const spec = (await (await fetch(`${node.url}/api/docs/json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const paths = Object.keys(spec.paths).filter((p) => p.includes('/chat/'));
      expect(paths.sort()).toEqual([
        '/api/v1/rooms/{room}/chat/comments',
        '/api/v1/rooms/{room}/chat/export',
        '/api/v1/rooms/{room}/chat/messages',
        '/api/v1/rooms/{room}/chat/search',
        '/api/v1/rooms/{room}/chat/stats',
      ]);
      expect(Object.keys(spec.paths['/api/v1/rooms/{room}/chat/messages']!).sort()).toEqual(['get', 'post']);
    });

    it('refuses viewers, missing grants and bad input with clear errors', async () => {
      const post = (sub: string, role: Role, body: unknown) =>
        api('/rooms/chat%3Arest-bad/chat/messages', sub, role, {
          method: 'POST',
          body: JSON.stringify(body),
        });
      const viewer = await post('eve', 'viewer', { text: 'hi' });
      expect(viewer.status).toBe(403);
      expect(((await viewer.json()) as { error: { message: string } }).error.message).toMatch(
        /commenter or higher is required/,
      );
      const empty = await post('ci', 'commenter', { text: '  ' });
      expect(empty.status).toBe(400);
      expect(((await empty.json()) as { error: { message: string } }).error.message).toBe(
        'invalid chat send: text: must not be empty',
      );
      const badFormat = await api('/rooms/chat%3Arest-bad/chat/export?format=xml', 'eve', 'viewer');
      expect(badFormat.status).toBe(400);
      const badTime = await api('/rooms/chat%3Arest-bad/chat/messages?from=yesterday', 'eve', 'viewer');
      expect(badTime.status).toBe(400);
      expect(((await badTime.json()) as { error: { message: string } }).error.message).toMatch(/from/);
      const anonymous = await fetch(`${node.url}/api/v1/rooms/chat%3Arest-bad/chat/messages`);
      expect(anonymous.status).toBe(401);
      const stats = (await (await api('/rooms/chat%3Arest-bad/chat/stats', 'eve', 'viewer')).json()) as {
        messages: number;
      };
      expect(stats.messages).toBe(0);
    });
  });
});

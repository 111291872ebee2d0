import { randomUUID } from 'node:crypto';
import { mintToken } from '@ensemble/server';
import { TEST_DATABASE_URL } from '@ensemble/storage/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../../../runtime/node.js';
import { isolatedDatabaseUrl, json, startTestNode, TEST_SECRET } from '../../../test-support/node.js';

interface ErrorBody {
  error: { code: string; message: string };
}
interface PostBody {
  id: string;
  status: string;
  version: number;
  scheduledAt: string;
  attemptLog?: unknown[];
}

const KEY = Buffer.alloc(32, 9).toString('base64');

const backends = [
  { name: 'pglite', enabled: true },
  { name: 'postgres', enabled: Boolean(TEST_DATABASE_URL) },
] as const;

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`Publish API on ${backend.name}`, () => {
    let node: EnsembleNode;
    let drop: (() => Promise<void>) | undefined;
    const A = `agency-${randomUUID().slice(0, 6)}`;
    const B = `other-${randomUUID().slice(0, 6)}`;
    let adminA: string;
    let memberA: string;
    let adminB: string;

    beforeAll(async () => {
      if (backend.name === 'postgres') {
        const isolated = await isolatedDatabaseUrl(TEST_DATABASE_URL!);
        drop = isolated.drop;
        const schema = new URL(isolated.url).searchParams.get('options')!.replace('-c search_path=', '');
        node = await startTestNode({
          jwtSecret: TEST_SECRET,
          publishKey: KEY,
          databaseUrl: isolated.url,
          publishQueueSchema: schema,
        });
      } else {
        node = await startTestNode({ jwtSecret: TEST_SECRET, publishKey: KEY });
      }
      const mint = async (companyId: string, role: 'member' | 'admin') =>
        (
          await mintToken({
            secret: TEST_SECRET,
            sub: `${role}-${companyId}`,
            tenants: [{ companyId, role }],
          })
        ).token;
      adminA = await mint(A, 'admin');
      memberA = await mint(A, 'member');
      adminB = await mint(B, 'admin');
    });
    afterAll(async () => {
      await node?.close();
      await drop?.();
    });

    const api = (token: string, method: string, path: string, body?: unknown) =>
      fetch(`${node.url}/api/v1/publish${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    const connect = async (token: string, company: string, body: Record<string, unknown> = {}) => {
      const response = await api(token, 'POST', `/companies/${company}/accounts`, {
        platform: 'facebook',
        externalId: `page-${randomUUID().slice(0, 8)}`,
        name: 'Page',
        accessToken: 'EAAB-secret',
        ...body,
      });
      expect(response.status).toBe(201);
      return json<{ id: string; clientId: string | null }>(response);
    };

    const later = (ms = 3_600_000) => new Date(Date.now() + ms).toISOString();
    const schedule = async (
      token: string,
      company: string,
      accountId: string,
      extra: Record<string, unknown> = {},
    ) =>
      api(token, 'POST', `/companies/${company}/posts`, {
        accountId,
        content: `post ${randomUUID()}`,
        scheduledAt: later(),
        timeZone: 'Europe/Paris',
        ...extra,
      });

    it('connects an account (token never returned), lists accounts and clients with their accounts', async () => {
      const client = await json<{ id: string }>(
        await api(adminA, 'POST', `/companies/${A}/clients`, { name: 'Bakery' }),
      );
      const account = await connect(adminA, A, { clientId: client.id });
      expect(account.clientId).toBe(client.id);
      const accounts = await api(memberA, 'GET', `/companies/${A}/accounts`);
      const text = await accounts.text();
      expect(text).not.toContain('EAAB-secret');
      expect(JSON.parse(text).accounts.map((a: { id: string }) => a.id)).toContain(account.id);
      const clients = await json<{ clients: { id: string; accounts: { id: string }[] }[] }>(
        await api(memberA, 'GET', `/companies/${A}/clients`),
      );
      expect(clients.clients.find((c) => c.id === client.id)?.accounts.map((a) => a.id)).toEqual([
        account.id,
      ]);
      const companies = await json<{ companies: { id: string; role: string }[] }>(
        await api(memberA, 'GET', '/companies'),
      );
      expect(companies.companies).toEqual([{ id: A, name: A, role: 'member' }]);
    });

    it('members cannot connect accounts or add clients (403); admins can', async () => {
      const response = await api(memberA, 'POST', `/companies/${A}/accounts`, {
        platform: 'linkedin',
        externalId: 'urn:li:organization:1',
        name: 'x',
        accessToken: 't',
      });
      expect(response.status).toBe(403);
      expect((await api(memberA, 'POST', `/companies/${A}/clients`, { name: 'x' })).status).toBe(403);
    });

    it('schedules a post (201) and validates it (400)', async () => {
      const account = await connect(adminA, A);
      const created = await schedule(memberA, A, account.id);
      expect(created.status).toBe(201);
      const post = await json<PostBody>(created);
      expect(post).toMatchObject({ status: 'scheduled', version: 1 });
      const bad = async (extra: Record<string, unknown>, message: RegExp) => {
        const response = await schedule(memberA, A, account.id, extra);
        expect(response.status).toBe(400);
        expect((await json<ErrorBody>(response)).error.message).toMatch(message);
      };
      await bad({ timeZone: 'Mars/Olympus' }, /IANA/);
      await bad({ scheduledAt: new Date(Date.now() - 3_600_000).toISOString() }, /in the past/);
      await bad({ scheduledAt: undefined }, /scheduledAt is required/);
      await bad({ scheduledAt: 'tomorrow' }, /scheduledAt/);
      await bad({ media: [{ url: 'https://x.test/v.mp4', type: 'video' }] }, /images only/);
      await bad({ content: '', media: [] }, /content or media/);
      const ig = await connect(adminA, A, { platform: 'instagram' });
      await bad({ accountId: ig.id }, /at least one image/);
    });

    it('lists posts by status with a cursor, newest first', async () => {
      const account = await connect(adminA, A);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push(
          (
            await json<PostBody>(
              await schedule(memberA, A, account.id, { scheduledAt: later(7_200_000 + i * 60_000) }),
            )
          ).id,
        );
      }
      await api(memberA, 'POST', `/companies/${A}/posts/${ids[0]}/cancel`);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?status=scheduled&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await json<{ posts: PostBody[]; nextCursor: string | null }>(
          await api(memberA, 'GET', `/companies/${A}/posts${query}`),
        );
        expect(page.posts.length).toBeLessThanOrEqual(2);
        expect(page.posts.every((p) => p.status === 'scheduled')).toBe(true);
        seen.push(...page.posts.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expect.arrayContaining(ids.slice(1)));
      expect(seen).not.toContain(ids[0]);
      const times = seen.length;
      expect(new Set(seen).size).toBe(times);
      const cancelled = await json<{ posts: PostBody[] }>(
        await api(memberA, 'GET', `/companies/${A}/posts?status=cancelled`),
      );
      expect(cancelled.posts.map((p) => p.id)).toContain(ids[0]);
      expect((await api(memberA, 'GET', `/companies/${A}/posts?cursor=nonsense`)).status).toBe(400);
    });

    it('edits and reschedules with optimistic versions; cancel only before publishing; retry only failed posts', async () => {
      const account = await connect(adminA, A);
      const post = await json<PostBody>(await schedule(memberA, A, account.id));
      const path = `/companies/${A}/posts/${post.id}`;
      const edited = await api(memberA, 'PATCH', path, {
        content: 'edited',
        scheduledAt: later(5_000_000),
        version: 1,
      });
      expect(edited.status).toBe(200);
      expect(await json<PostBody>(edited)).toMatchObject({ version: 2, content: 'edited' });
      const stale = await api(memberA, 'PATCH', path, { content: 'stale', version: 1 });
      expect(stale.status).toBe(409);
      expect((await json<ErrorBody>(stale)).error.code).toBe('ENSEMBLE_PUBLISH_VERSION_CONFLICT');
      const retry = await api(memberA, 'POST', `${path}/retry`);
      expect(retry.status).toBe(409);
      expect((await api(memberA, 'POST', `${path}/cancel`)).status).toBe(200);
      const again = await api(memberA, 'POST', `${path}/cancel`);
      expect(again.status).toBe(409);
      expect((await json<ErrorBody>(again)).error.code).toBe('ENSEMBLE_PUBLISH_INVALID_STATE');
      expect((await api(memberA, 'PATCH', path, { content: 'too late' })).status).toBe(409);
      const detail = await json<PostBody>(await api(memberA, 'GET', path));
      expect(detail).toMatchObject({ status: 'cancelled', attemptLog: [] });
    });

    it('drafts are saved without a time and scheduled later', async () => {
      const account = await connect(adminA, A);
      const draft = await json<PostBody>(
        await schedule(memberA, A, account.id, { draft: true, scheduledAt: undefined }),
      );
      expect(draft.status).toBe('draft');
      const path = `/companies/${A}/posts/${draft.id}/schedule`;
      expect((await api(memberA, 'POST', path, {})).status).toBe(400);
      const scheduled = await api(memberA, 'POST', path, { scheduledAt: later() });
      expect(await json<PostBody>(scheduled)).toMatchObject({ status: 'scheduled' });
    });

    it('attaches a catalog product card (validated), replaces and removes it', async () => {
      const account = await connect(adminA, A);
      const card = {
        sku: 'RD-88',
        name: 'Roland RD-88',
        url: 'https://shop.example/catalog/RD-88',
        image: 'https://shop.example/img/rd-88.jpg',
      };
      const created = await schedule(memberA, A, account.id, { product: card, media: [] });
      expect(created.status).toBe(201);
      const post = await json<PostBody & { product: unknown; media: unknown[] }>(created);
      // The card is not a media item: it comes back on its own, media stays as given.
      expect(post.product).toEqual(card);
      expect(post.media).toEqual([]);
      const read = await json<PostBody & { product: unknown }>(
        await api(memberA, 'GET', `/companies/${A}/posts/${post.id}`),
      );
      expect(read.product).toEqual(card);

      // Bad cards are refused and change nothing.
      for (const product of [
        { ...card, url: 'javascript:alert(1)' },
        { ...card, sku: '' },
        { name: 'no sku', url: card.url },
      ]) {
        const response = await api(memberA, 'PATCH', `/companies/${A}/posts/${post.id}`, { product });
        expect(response.status).toBe(400);
        expect((await json<ErrorBody>(response)).error.message).toMatch(/product/);
      }
      const unchanged = await json<PostBody & { product: unknown }>(
        await api(memberA, 'GET', `/companies/${A}/posts/${post.id}`),
      );
      expect(unchanged).toMatchObject({ version: 1, product: card });

      // A product alone is enough content (its link is the text); image is optional.
      const productOnly = await schedule(memberA, A, account.id, {
        content: '',
        product: { sku: 'X1', name: 'X1', url: 'https://shop.example/catalog/X1' },
      });
      expect(productOnly.status).toBe(201);
      expect((await json<{ product: unknown }>(productOnly)).product).toMatchObject({ image: null });

      const patch = (body: Record<string, unknown>) =>
        api(memberA, 'PATCH', `/companies/${A}/posts/${post.id}`, body).then((r) =>
          json<PostBody & { product: unknown; media: unknown[] }>(r),
        );
      const withMedia = await patch({ media: [{ url: 'https://x.test/a.jpg', type: 'image' }] });
      expect(withMedia.product).toEqual(card);
      expect(withMedia.media).toHaveLength(1);
      const removed = await patch({ product: null });
      expect(removed.product).toBeNull();
      expect(removed.media).toHaveLength(1);
    });

    it('disconnecting an account fails its scheduled posts and refuses new ones', async () => {
      const account = await connect(adminA, A);
      const post = await json<PostBody>(await schedule(memberA, A, account.id));
      expect((await api(adminA, 'DELETE', `/companies/${A}/accounts/${account.id}`)).status).toBe(200);
      const detail = await json<PostBody & { lastErrorCode: string }>(
        await api(memberA, 'GET', `/companies/${A}/posts/${post.id}`),
      );
      expect(detail).toMatchObject({ status: 'failed', lastErrorCode: 'account_disconnected' });
      const refused = await schedule(memberA, A, account.id);
      expect(refused.status).toBe(409);
    });

    it('tenancy: every route answers 404 for another company’s data', async () => {
      const accountB = await connect(adminB, B);
      const postB = await json<PostBody>(await schedule(adminB, B, accountB.id));
      const accountA = await connect(adminA, A);
      const postA = await json<PostBody>(await schedule(adminA, A, accountA.id));
      const routes: [string, string, unknown?][] = [
        ['PUT', `/companies/${B}`, { name: 'mine now' }],
        ['GET', `/companies/${B}/clients`],
        ['POST', `/companies/${B}/clients`, { name: 'c' }],
        ['GET', `/companies/${B}/accounts`],
        [
          'POST',
          `/companies/${B}/accounts`,
          { platform: 'facebook', externalId: 'p', name: 'p', accessToken: 't' },
        ],
        ['DELETE', `/companies/${B}/accounts/${accountB.id}`],
        ['GET', `/companies/${B}/posts`],
        [
          'POST',
          `/companies/${B}/posts`,
          { accountId: accountB.id, content: 'x', scheduledAt: later(), timeZone: 'UTC' },
        ],
        ['GET', `/companies/${B}/posts/${postB.id}`],
        ['PATCH', `/companies/${B}/posts/${postB.id}`, { content: 'hijack' }],
        ['POST', `/companies/${B}/posts/${postB.id}/schedule`, {}],
        ['POST', `/companies/${B}/posts/${postB.id}/cancel`],
        ['POST', `/companies/${B}/posts/${postB.id}/retry`],
        // B's ids under A's own company: still not found.
        ['DELETE', `/companies/${A}/accounts/${accountB.id}`],
        [
          'POST',
          `/companies/${A}/posts`,
          { accountId: accountB.id, content: 'x', scheduledAt: later(), timeZone: 'UTC' },
        ],
        ['GET', `/companies/${A}/posts/${postB.id}`],
        ['PATCH', `/companies/${A}/posts/${postB.id}`, { content: 'hijack' }],
        ['POST', `/companies/${A}/posts/${postB.id}/cancel`],
        ['POST', `/companies/${A}/posts/${postB.id}/retry`],
        ['POST', `/companies/${A}/posts/${postB.id}/schedule`, {}],
      ];
      for (const [method, path, body] of routes) {
        const response = await api(adminA, method, path, body);
        expect(response.status, `${method} ${path}`).toBe(404);
        expect((await json<ErrorBody>(response)).error.code).toBe('ENSEMBLE_NOT_FOUND');
      }
      // Nothing of B changed, and B's listing never shows A's post.
      const b = await json<PostBody & { content: string }>(
        await api(adminB, 'GET', `/companies/${B}/posts/${postB.id}`),
      );
      expect(b).toMatchObject({ status: 'scheduled', version: 1 });
      const listB = await json<{ posts: PostBody[] }>(await api(adminB, 'GET', `/companies/${B}/posts`));
      expect(listB.posts.map((p) => p.id)).not.toContain(postA.id);
      expect((await api(adminA, 'GET', `/companies/${B}/posts`, undefined)).status).toBe(404);
    });

    it('requires a token (401) and documents every route in OpenAPI', async () => {
      expect((await fetch(`${node.url}/api/v1/publish/companies`)).status).toBe(401);
      const spec = await json<{ paths: Record<string, Record<string, unknown>> }>(
        await fetch(`${node.url}/api/docs/json`),
      );
      const paths = Object.keys(spec.paths).filter((p) => p.startsWith('/api/v1/publish'));
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/v1/publish/companies',
          '/api/v1/publish/companies/{companyId}',
          '/api/v1/publish/companies/{companyId}/clients',
          '/api/v1/publish/companies/{companyId}/accounts',
          '/api/v1/publish/companies/{companyId}/accounts/{accountId}',
          '/api/v1/publish/companies/{companyId}/posts',
          '/api/v1/publish/companies/{companyId}/posts/{postId}',
          '/api/v1/publish/companies/{companyId}/posts/{postId}/schedule',
          '/api/v1/publish/companies/{companyId}/posts/{postId}/cancel',
          '/api/v1/publish/companies/{companyId}/posts/{postId}/retry',
        ]),
      );
    });
  });
}

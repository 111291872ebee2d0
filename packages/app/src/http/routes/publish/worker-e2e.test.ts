import { type FakePlatform, startFakePlatform } from '@ensemble/publish/test-support';
import { mintToken } from '@ensemble/server';
import { TEST_DATABASE_URL } from '@ensemble/storage/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnsembleNode } from '../../../runtime/node.js';
import { isolatedDatabaseUrl, json, startTestNode, TEST_SECRET } from '../../../test-support/node.js';

interface PostBody {
  id: string;
  status: string;
  externalId: string | null;
  lastErrorCode: string | null;
  attemptLog: { event: string }[];
}

const backends = [
  { name: 'pglite', enabled: true },
  { name: 'postgres', enabled: Boolean(TEST_DATABASE_URL) },
] as const;

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`in-process publish worker on ${backend.name}`, () => {
    let node: EnsembleNode;
    let fake: FakePlatform;
    let drop: (() => Promise<void>) | undefined;
    let token: string;

    beforeAll(async () => {
      fake = await startFakePlatform();
      const publish = { jwtSecret: TEST_SECRET, publishGraphUrl: fake.url, publishLinkedinUrl: fake.url };
      if (backend.name === 'postgres') {
        const isolated = await isolatedDatabaseUrl(TEST_DATABASE_URL!);
        drop = isolated.drop;
        const schema = new URL(isolated.url).searchParams.get('options')!.replace('-c search_path=', '');
        node = await startTestNode(
          { ...publish, databaseUrl: isolated.url, publishQueueSchema: schema },
          { publishWorker: true },
        );
      } else {
        // Dev mode without ENSEMBLE_PUBLISH_KEY: the token key is derived from the dev secret.
        node = await startTestNode(publish, { publishWorker: true });
      }
      token = (
        await mintToken({ secret: TEST_SECRET, sub: 'ana', tenants: [{ companyId: 'acme', role: 'owner' }] })
      ).token;
    });
    afterAll(async () => {
      await node?.close();
      await drop?.();
      await fake?.close();
    });

    const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${node.url}/api/v1/publish/companies/acme${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return json<T>(response);
    };

    const waitFor = async (id: string, statuses: string[]): Promise<PostBody> => {
      for (;;) {
        const post = await api<PostBody>('GET', `/posts/${id}`);
        if (statuses.includes(post.status)) return post;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    it('publishes a post scheduled through the API; a failure can be retried through the API', async () => {
      const account = await api<{ id: string; externalId: string }>('POST', '/accounts', {
        platform: 'facebook',
        externalId: `page-${backend.name}`,
        name: 'Acme',
        accessToken: 'EAAB',
      });
      const post = await api<PostBody>('POST', '/posts', {
        accountId: account.id,
        content: `from the API on ${backend.name}`,
        scheduledAt: new Date(Date.now() + 200).toISOString(),
        timeZone: 'UTC',
      });
      const done = await waitFor(post.id, ['published', 'failed']);
      expect(done.status).toBe('published');
      expect(fake.postsWithText(`from the API on ${backend.name}`)).toHaveLength(1);

      fake.inject(
        { method: 'POST', path: /\/feed$/ },
        { kind: 'error', status: 400, body: { error: { code: 100, message: 'Invalid parameter' } } },
      );
      const failing = await api<PostBody>('POST', '/posts', {
        accountId: account.id,
        content: `fails first on ${backend.name}`,
        scheduledAt: new Date().toISOString(),
        timeZone: 'UTC',
      });
      const failed = await waitFor(failing.id, ['failed', 'published']);
      expect(failed).toMatchObject({ status: 'failed', lastErrorCode: 'graph_100' });
      await api('POST', `/posts/${failing.id}/retry`);
      const retried = await waitFor(failing.id, ['published']);
      expect(retried.attemptLog.map((a) => a.event)).toEqual(['started', 'failed', 'started', 'published']);
      expect(fake.postsWithText(`fails first on ${backend.name}`)).toHaveLength(1);
    });

    it('publishes an attached catalog product as a link after the text', async () => {
      const account = await api<{ id: string }>('POST', '/accounts', {
        platform: 'facebook',
        externalId: `page-product-${backend.name}`,
        name: 'Acme shop',
        accessToken: 'EAAB',
      });
      const post = await api<PostBody>('POST', '/posts', {
        accountId: account.id,
        content: `New in store (${backend.name})`,
        product: { sku: 'RD-88', name: 'Roland RD-88', url: 'https://shop.example/catalog/RD-88' },
        scheduledAt: new Date().toISOString(),
        timeZone: 'UTC',
      });
      expect((await waitFor(post.id, ['published', 'failed'])).status).toBe('published');
      expect(
        fake.postsWithText(
          `New in store (${backend.name})\n\nRoland RD-88: https://shop.example/catalog/RD-88`,
        ),
      ).toHaveLength(1);
    });
  });
}

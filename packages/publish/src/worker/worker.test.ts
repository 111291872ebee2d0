import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAccountRow } from '../domain/accounts.js';
import { cancelPost, createPost, retryPost, updatePost } from '../domain/posts-write.js';
import { type PublishTestEnv, publishBackends } from '../test-support/env.js';
import { type FakePlatform, startFakePlatform } from '../test-support/fake-platform.js';
import { addAccount, newCompany, soon, startWorker, waitForStatus } from '../test-support/scenario.js';
import type { PublishWorker } from './publish-worker.js';

const FEED = /\/feed$/;

for (const backend of publishBackends) {
  describe.skipIf(!backend.enabled)(`publish worker on ${backend.name}`, () => {
    let env: PublishTestEnv;
    let fake: FakePlatform;
    let worker: PublishWorker;

    beforeAll(async () => {
      env = await backend.open();
      fake = await startFakePlatform();
      worker = startWorker(env, fake);
      await worker.start();
    });
    afterAll(async () => {
      await worker?.stop();
      await env?.close();
      await fake?.close();
    });

    const setup = async (platform: 'facebook' | 'instagram' | 'linkedin' = 'facebook') => {
      const { companyId, caller } = newCompany();
      const account = await addAccount(env, caller, companyId, platform);
      const deps = { db: env.db, queue: env.queue };
      const schedule = (
        content: string,
        at = soon(),
        media: { url: string; type: 'image' | 'video' }[] = [],
      ) =>
        createPost(deps, caller, companyId, {
          accountId: account.id,
          content,
          media,
          scheduledAt: at,
          timeZone: 'Europe/Paris',
        });
      const wait = (postId: string, statuses: Parameters<typeof waitForStatus>[4]) =>
        waitForStatus(env.db, caller, companyId, postId, statuses);
      return { companyId, caller, account, deps, schedule, wait };
    };

    it('publishes a scheduled post exactly once, recording the attempt before and after', async () => {
      const { schedule, wait } = await setup();
      const post = await schedule('hello once');
      expect(post.status).toBe('scheduled');
      const done = await wait(post.id, ['published', 'failed']);
      expect(done.status).toBe('published');
      expect(done.externalId).toMatch(/_/);
      expect(done.externalUrl).toContain(done.externalId!);
      expect(done.attemptLog.map((a) => a.event)).toEqual(['started', 'published']);
      expect(fake.postsWithText('hello once')).toHaveLength(1);
    });

    it('reschedules: an earlier time publishes at that time; a cancelled post never goes out', async () => {
      const { schedule, deps, caller, companyId, wait } = await setup();
      const moved = await schedule('moved earlier', new Date(Date.now() + 3_600_000));
      const cancelled = await schedule('cancelled one', soon(100));
      await cancelPost(deps, caller, companyId, cancelled.id);
      await updatePost(deps, caller, companyId, moved.id, { scheduledAt: soon(300), version: moved.version });
      expect((await wait(moved.id, ['published'])).status).toBe('published');
      // The cancelled post was due before the moved one, so its job has run by now.
      expect(fake.postsWithText('cancelled one')).toHaveLength(0);
      expect((await wait(cancelled.id, ['cancelled'])).attemptLog).toEqual([]);
    });

    it('a later reschedule keeps the post waiting (the job moves with it)', async () => {
      const { schedule, deps, caller, companyId, wait } = await setup();
      const later = await schedule('pushed back', soon(200));
      await updatePost(deps, caller, companyId, later.id, { scheduledAt: new Date(Date.now() + 3_600_000) });
      const marker = await schedule('marker after', soon(400));
      await wait(marker.id, ['published']);
      expect(fake.postsWithText('pushed back')).toHaveLength(0);
      expect((await wait(later.id, ['scheduled'])).status).toBe('scheduled');
    });

    it('cancel racing the claim: each post is either cancelled and never published, or published once', async () => {
      const { schedule, deps, caller, companyId, wait } = await setup();
      const posts = await Promise.all(
        Array.from({ length: 12 }, (_, i) => schedule(`race ${i}`, soon(i * 40))),
      );
      const results = await Promise.all(
        posts.map(async (p, i) => {
          await new Promise((resolve) => setTimeout(resolve, i * 40));
          return cancelPost(deps, caller, companyId, p.id).then(
            () => 'cancelled' as const,
            (error: { code?: string }) => error.code ?? 'error',
          );
        }),
      );
      for (const [i, p] of posts.entries()) {
        const final = await wait(p.id, ['cancelled', 'published', 'failed']);
        const copies = fake.postsWithText(`race ${i}`).length;
        if (results[i] === 'cancelled') {
          expect(final.status).toBe('cancelled');
          expect(copies).toBe(0);
        } else {
          expect(results[i]).toBe('ENSEMBLE_PUBLISH_INVALID_STATE');
          expect(final.status).toBe('published');
          expect(copies).toBe(1);
        }
      }
    });

    it('retries a transient error with backoff and publishes once', async () => {
      const { schedule, wait } = await setup();
      fake.inject(
        { method: 'POST', path: FEED },
        { kind: 'error', status: 400, body: { error: { code: 4, message: 'rate' } } },
      );
      const post = await schedule('after a rate limit');
      const done = await wait(post.id, ['published', 'failed']);
      expect(done.status).toBe('published');
      expect(done.attempts).toBe(2);
      expect(done.attemptLog.map((a) => a.event)).toEqual(['started', 'retry', 'started', 'published']);
      expect(done.attemptLog[1]).toMatchObject({ errorClass: 'retryable', errorCode: 'graph_4' });
      expect(fake.postsWithText('after a rate limit')).toHaveLength(1);
    });

    it('a lost reply is not re-posted: the next attempt finds the post on the platform', async () => {
      const { schedule, wait } = await setup();
      fake.inject({ method: 'POST', path: FEED }, { kind: 'lost' });
      const post = await schedule('reply lost');
      const done = await wait(post.id, ['published', 'failed', 'unconfirmed']);
      expect(done.status).toBe('published');
      expect(done.attemptLog.map((a) => a.event)).toEqual(['started', 'retry', 'started', 'found_existing']);
      expect(fake.postsWithText('reply lost')).toHaveLength(1);
      expect(done.externalId).toBe(fake.postsWithText('reply lost')[0]!.id);
    });

    it('a timed-out request that did publish is found, not repeated', async () => {
      const { schedule, wait } = await setup();
      fake.inject({ method: 'POST', path: FEED }, { kind: 'slow', delayMs: 3_000 });
      const post = await schedule('slow reply');
      const done = await wait(post.id, ['published', 'failed', 'unconfirmed']);
      expect(done.status).toBe('published');
      expect(done.attemptLog.find((a) => a.event === 'retry')?.errorCode).toBe('timeout');
      expect(fake.postsWithText('slow reply')).toHaveLength(1);
    });

    it('when the platform cannot tell, the post becomes unconfirmed instead of risking a duplicate', async () => {
      const { schedule, wait } = await setup();
      fake.inject({ method: 'POST', path: FEED }, { kind: 'lost' });
      fake.inject(
        { method: 'GET', path: FEED },
        { kind: 'error', status: 500, body: { error: { code: 2, message: 'down' } } },
        1,
      );
      const post = await schedule('cannot confirm');
      const done = await wait(post.id, ['published', 'failed', 'unconfirmed']);
      expect(done.status).toBe('unconfirmed');
      expect(done.lastError).toMatch(/cannot confirm/);
      expect(fake.postsWithText('cannot confirm')).toHaveLength(1);
    });

    it('gives up after 3 attempts of retryable errors and says why', async () => {
      const { schedule, wait } = await setup();
      fake.inject(
        { method: 'POST', path: FEED },
        { kind: 'error', status: 400, body: { error: { code: 17, message: 'user limit' } } },
        3,
      );
      const post = await schedule('never makes it');
      const done = await wait(post.id, ['published', 'failed', 'unconfirmed']);
      expect(done.status).toBe('failed');
      expect(done.attempts).toBe(3);
      expect(done.lastError).toMatch(/gave up after 3 attempts/);
      expect(fake.postsWithText('never makes it')).toHaveLength(0);
    });

    it('an expired token (code 190) fails the post and marks the account needs_reauth; retry after reconnecting', async () => {
      const { companyId, caller, deps, wait } = await setup();
      const account = await addAccount(env, caller, companyId, 'facebook', 'dead-token');
      fake.revokeToken('dead-token');
      const post = await createPost(deps, caller, companyId, {
        accountId: account.id,
        content: 'expired token',
        media: [],
        scheduledAt: soon(),
        timeZone: 'UTC',
      });
      const done = await wait(post.id, ['failed', 'published']);
      expect(done).toMatchObject({ status: 'failed', lastErrorCode: 'graph_190', attempts: 1 });
      const row = await getAccountRow(env.db, companyId, account.id);
      expect(row.status).toBe('needs_reauth');
      await expect(retryPost(deps, caller, companyId, post.id)).rejects.toMatchObject({
        code: 'ENSEMBLE_PUBLISH_ACCOUNT_UNAVAILABLE',
      });
      await addAccount(env, caller, companyId, 'facebook', 'fresh-token').catch(() => undefined);
      const { connectAccount } = await import('../domain/accounts.js');
      await connectAccount(env.db, env.cipher, caller, companyId, {
        platform: 'facebook',
        externalId: row.external_id,
        name: 'again',
        accessToken: 'fresh-token',
      });
      await retryPost(deps, caller, companyId, post.id);
      expect((await wait(post.id, ['published', 'failed'])).status).toBe('published');
      expect(fake.postsWithText('expired token')).toHaveLength(1);
    });

    it('a permission error (code 200) fails at once without retrying', async () => {
      const { schedule, wait } = await setup();
      fake.inject(
        { method: 'POST', path: FEED },
        { kind: 'error', status: 403, body: { error: { code: 200, message: 'no perm' } } },
      );
      const done = await wait((await schedule('no permission')).id, ['failed', 'published']);
      expect(done).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: 'graph_200' });
    });

    it('recovers a post whose worker died mid-publish: finds it on the platform, or publishes it once', async () => {
      const { schedule, wait, account } = await setup();
      // Two posts "claimed" by a worker that then died: one had reached the platform, one had not.
      const reached = await schedule('died after posting', new Date(Date.now() + 3_600_000));
      const notReached = await schedule('died before posting', new Date(Date.now() + 3_600_000));
      fake.inject({ method: 'POST' }, { kind: 'lost' });
      await fetch(`${fake.url}/v23.0/${account.externalId}/feed`, {
        method: 'POST',
        body: new URLSearchParams({ message: 'died after posting', access_token: 't' }),
      }).catch(() => undefined);
      for (const p of [reached, notReached]) {
        await env.db.query(
          `UPDATE publish_posts SET status = 'publishing', attempts = 1, attempt_seq = 1, lease_attempt = 1,
             lease_until = now() - interval '1 second', due_at = now() WHERE id = $1`,
          [p.id],
        );
        await env.db.query(
          `INSERT INTO publish_attempts (post_id, company_id, attempt, event, worker_id) VALUES ($1, $2, 1, 'started', 'dead')`,
          [p.id, p.companyId],
        );
        // Its job is still queued for the original time; bring it forward as a re-lease would.
        await env.queue.prepare();
        await env.db.transaction((tx) => env.queue.schedule(tx, p.id, new Date()));
      }
      const a = await wait(reached.id, ['published', 'failed', 'unconfirmed']);
      const b = await wait(notReached.id, ['published', 'failed', 'unconfirmed']);
      expect(a.attemptLog.map((e) => e.event)).toEqual(['started', 'abandoned', 'started', 'found_existing']);
      expect(b.attemptLog.map((e) => e.event)).toEqual(['started', 'abandoned', 'started', 'published']);
      expect(fake.postsWithText('died after posting')).toHaveLength(1);
      expect(fake.postsWithText('died before posting')).toHaveLength(1);
    });

    it('Instagram: a lost media_publish reply is completed from the saved container', async () => {
      const { schedule, wait, account } = await setup('instagram');
      fake.inject({ method: 'POST', path: /media_publish$/ }, { kind: 'lost' });
      const post = await schedule('ig caption', soon(), [
        { url: 'https://example.com/a.jpg', type: 'image' },
      ]);
      const done = await wait(post.id, ['published', 'failed', 'unconfirmed']);
      expect(done.status).toBe('published');
      expect(done.attemptLog.map((a) => a.event)).toEqual(['started', 'retry', 'started', 'found_existing']);
      expect(fake.posts.filter((p) => p.target === account.externalId)).toHaveLength(1);
    });

    it('Instagram: a full publishing quota defers the account without spending attempts', async () => {
      const { schedule, wait, account, companyId } = await setup('instagram');
      fake.setInstagramUsage(account.externalId, 50);
      const post = await schedule('over quota', soon(), [
        { url: 'https://example.com/b.jpg', type: 'image' },
      ]);
      const waiting = await wait(post.id, ['publishing']);
      await expect
        .poll(async () => (await getAccountRow(env.db, companyId, account.id)).backoff_until)
        .not.toBeNull();
      const retried = await wait(post.id, ['publishing']);
      expect(retried.attempts + waiting.attempts).toBeLessThanOrEqual(1);
      expect(fake.posts.filter((p) => p.target === account.externalId)).toHaveLength(0);
    });

    it('LinkedIn: publishes through /rest/posts with the id from x-restli-id; 429 waits for the daily reset', async () => {
      const { schedule, wait, companyId, account } = await setup('linkedin');
      const done = await wait((await schedule('hello linkedin')).id, ['published', 'failed']);
      expect(done.externalId).toMatch(/^urn:li:share:/);
      fake.inject(
        { method: 'POST', path: '/rest/posts' },
        { kind: 'error', status: 429, body: { message: 'throttled' } },
      );
      const limited = await schedule('over the daily limit');
      const waiting = await waitForStatus(
        env.db,
        { userId: 'u', tenants: [{ companyId, role: 'admin' }] },
        companyId,
        limited.id,
        ['publishing'],
      );
      await expect
        .poll(async () => (await getAccountRow(env.db, companyId, account.id)).backoff_until)
        .not.toBeNull();
      const reset = (await getAccountRow(env.db, companyId, account.id)).backoff_until!;
      expect(reset.getUTCHours()).toBe(0);
      expect(reset.getTime()).toBeGreaterThan(Date.now());
      void waiting;
    });
  });
}

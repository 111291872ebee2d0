import { randomUUID } from 'node:crypto';
import type { Database } from '@ensemble/storage';
import { connectAccount } from '../domain/accounts.js';
import type { Caller } from '../domain/caller.js';
import { getPost } from '../domain/posts-read.js';
import type { Platform, PostStatus, PostWithAttempts } from '../domain/types.js';
import { createAdapters } from '../platforms/adapters.js';
import { DEFAULT_PLATFORM_CONFIG, type PlatformConfig } from '../platforms/types.js';
import { PublishWorker, type PublishWorkerOptions } from '../worker/publish-worker.js';
import type { PublishTestEnv } from './env.js';
import type { FakePlatform } from './fake-platform.js';

export function fakeConfig(fake: FakePlatform, overrides: Partial<PlatformConfig> = {}): PlatformConfig {
  return {
    ...DEFAULT_PLATFORM_CONFIG,
    graphBaseUrl: fake.url,
    instagramBaseUrl: fake.url,
    linkedinBaseUrl: fake.url,
    requestTimeoutMs: 2_000,
    instagramPollMs: 20,
    ...overrides,
  };
}

/** A company of its own per test, so tests can share one database without seeing each other. */
export function newCompany(role: Caller['tenants'][number]['role'] = 'admin'): {
  companyId: string;
  caller: Caller;
} {
  const companyId = `co-${randomUUID().slice(0, 8)}`;
  return { companyId, caller: { userId: `user-${companyId}`, tenants: [{ companyId, role }] } };
}

export async function addAccount(
  env: PublishTestEnv,
  caller: Caller,
  companyId: string,
  platform: Platform = 'facebook',
  token = `token-${randomUUID()}`,
) {
  const externalId =
    platform === 'linkedin'
      ? `urn:li:organization:${randomUUID().slice(0, 6)}`
      : `${platform}-${randomUUID().slice(0, 8)}`;
  return connectAccount(env.db, env.cipher, caller, companyId, {
    platform,
    externalId,
    name: `${platform} page`,
    accessToken: token,
  });
}

export function startWorker(
  env: PublishTestEnv,
  fake: FakePlatform,
  options: Partial<PublishWorkerOptions> = {},
): PublishWorker {
  const worker = new PublishWorker({
    db: env.db,
    queue: env.queue,
    adapters: createAdapters(fakeConfig(fake)),
    cipher: env.cipher,
    backoff: { baseMs: 50, maxMs: 200 },
    leaseMs: 3_000,
    pollingIntervalSeconds: 0.5,
    sweepIntervalMs: 0,
    ...options,
  });
  return worker;
}

/** Polls until the post reaches one of `statuses` (the worker runs asynchronously). */
export async function waitForStatus(
  db: Database,
  caller: Caller,
  companyId: string,
  postId: string,
  statuses: PostStatus[],
  timeoutMs = 20_000,
): Promise<PostWithAttempts> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const post = await getPost(db, caller, companyId, postId);
    if (statuses.includes(post.status)) return post;
    if (Date.now() > deadline) {
      throw new Error(
        `post ${postId} is still ${post.status} (wanted ${statuses.join('|')}): ${JSON.stringify(post.attemptLog)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function soon(ms = 200): Date {
  return new Date(Date.now() + ms);
}

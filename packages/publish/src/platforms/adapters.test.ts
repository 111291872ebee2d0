import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakePlatform, startFakePlatform } from '../test-support/fake-platform.js';
import { fakeConfig } from '../test-support/scenario.js';
import { createAdapters } from './adapters.js';
import { PlatformError } from './platform-error.js';
import type { PublishRequest } from './types.js';

describe('platform adapters against the fake platform', () => {
  let fake: FakePlatform;
  beforeAll(async () => {
    fake = await startFakePlatform();
  });
  afterAll(async () => {
    await fake.close();
  });

  const request = (over: Partial<PublishRequest>): PublishRequest & { saved: Record<string, string> } => {
    const saved: Record<string, string> = {};
    return {
      postId: 'p',
      content: 'text',
      media: [],
      targetId: 'page-1',
      accessToken: 'token',
      state: {},
      saveState: async (patch) => {
        Object.assign(saved, patch);
      },
      since: new Date(Date.now() - 1000),
      signal: new AbortController().signal,
      saved,
      ...over,
    };
  };
  const adapters = () => createAdapters(fakeConfig(fake, { requestTimeoutMs: 300 }));

  it('Facebook: text to /feed, one image to /photos, several images attached to one feed post', async () => {
    const { facebook } = adapters();
    const text = await facebook.publish(request({ content: 'fb text' }));
    expect(text.externalId).toMatch(/^page-1_/);
    const photo = await facebook.publish(
      request({ content: 'fb photo', media: [{ url: 'https://x.test/1.jpg', type: 'image' }] }),
    );
    expect(fake.postsWithText('fb photo')[0]).toMatchObject({
      id: photo.externalId,
      media: ['https://x.test/1.jpg'],
    });
    const images = ['https://x.test/a.jpg', 'https://x.test/b.jpg'];
    await facebook.publish(
      request({ content: 'fb album', media: images.map((url) => ({ url, type: 'image' as const })) }),
    );
    expect(fake.postsWithText('fb album')).toMatchObject([{ media: images }]);
    expect(await facebook.lookup(request({ content: 'fb text' }))).toMatchObject({
      status: 'found',
      externalId: text.externalId,
    });
    expect(await facebook.lookup(request({ content: 'never posted' }))).toEqual({ status: 'not_found' });
  });

  it('Facebook: each error class arrives classified', async () => {
    const { facebook } = adapters();
    const cases: [number, string][] = [
      [190, 'auth'],
      [200, 'permission'],
      [506, 'duplicate'],
      [368, 'retryable'],
      [100, 'invalid'],
    ];
    for (const [code, kind] of cases) {
      fake.inject(
        { method: 'POST', path: '/feed' },
        { kind: 'error', status: 400, body: { error: { code, message: 'm' } } },
      );
      const error = await facebook.publish(request({ content: `err ${code}` })).catch((e: unknown) => e);
      expect(error, String(code)).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).kind, String(code)).toBe(kind);
    }
  });

  it('slow and lost answers become ambiguous retryable errors (the post exists)', async () => {
    const { facebook } = adapters();
    fake.inject({ method: 'POST', path: '/feed' }, { kind: 'slow', delayMs: 1_000 });
    await expect(facebook.publish(request({ content: 'slow' }))).rejects.toMatchObject({
      code: 'timeout',
      ambiguous: true,
    });
    fake.inject({ method: 'POST', path: '/feed' }, { kind: 'lost' });
    await expect(facebook.publish(request({ content: 'lost' }))).rejects.toMatchObject({
      code: 'network_lost',
      ambiguous: true,
    });
    expect(fake.postsWithText('slow')).toHaveLength(1);
    expect(fake.postsWithText('lost')).toHaveLength(1);
  });

  it('Instagram: container, status polling, publish; resumes from a saved container', async () => {
    const { instagram } = adapters();
    const req = request({
      targetId: 'ig-1',
      content: 'ig post',
      media: [{ url: 'https://x.test/i.jpg', type: 'image' }],
    });
    fake.inject({ method: 'POST', path: '/media_publish' }, { kind: 'lost' });
    await expect(instagram.publish(req)).rejects.toMatchObject({ ambiguous: true });
    expect(req.saved.containerId).toBeTruthy();
    const resumed = request({ ...req, state: req.saved });
    expect(await instagram.lookup(resumed)).toMatchObject({ status: 'found' });
    const again = await instagram.publish(resumed);
    expect(again.externalId).toBe(fake.postsWithText('ig post')[0]!.id);
    expect(fake.postsWithText('ig post')).toHaveLength(1);
    const carousel = request({
      targetId: 'ig-1',
      content: 'ig carousel',
      media: [
        { url: 'https://x.test/1.jpg', type: 'image' },
        { url: 'https://x.test/2.mp4', type: 'video' },
      ],
    });
    await instagram.publish(carousel);
    expect(fake.postsWithText('ig carousel')[0]!.media).toEqual([
      'https://x.test/1.jpg',
      'https://x.test/2.mp4',
    ]);
  });

  it('Instagram: a full quota is refused before anything is created', async () => {
    const { instagram } = adapters();
    fake.setInstagramUsage('ig-full', 50);
    const error = await instagram
      .publish(request({ targetId: 'ig-full', media: [{ url: 'https://x.test/q.jpg', type: 'image' }] }))
      .catch((e: unknown) => e as PlatformError);
    expect(error).toMatchObject({ code: 'ig_publishing_limit', beforePublish: true });
    expect((error as PlatformError).accountBackoffUntil).toBeInstanceOf(Date);
  });

  it('LinkedIn: POST /rest/posts with version headers; id from x-restli-id; lookup by author', async () => {
    const { linkedin } = adapters();
    const req = request({ targetId: 'urn:li:organization:9', content: 'li post' });
    const published = await linkedin.publish(req);
    expect(published.externalId).toMatch(/^urn:li:share:/);
    expect(published.url).toBe(`https://www.linkedin.com/feed/update/${published.externalId}`);
    expect(await linkedin.lookup(req)).toMatchObject({ status: 'found', externalId: published.externalId });
    fake.revokeToken('dead');
    await expect(linkedin.publish(request({ ...req, accessToken: 'dead' }))).rejects.toMatchObject({
      kind: 'auth',
    });
  });
});

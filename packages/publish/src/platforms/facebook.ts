import { classifyGraph } from '../retry/classify.js';
import { call, field } from './http.js';
import type { Lookup, PlatformAdapter, PlatformConfig, Published, PublishRequest } from './types.js';

interface FeedItem {
  id?: unknown;
  message?: unknown;
  created_time?: unknown;
  permalink_url?: unknown;
}

/** How far before the attempt's start a matching post still counts (platform clock skew). */
const LOOKUP_SKEW_MS = 5 * 60_000;

/**
 * Facebook Page posts: text to `POST /{page-id}/feed`; one image to `POST /{page-id}/photos`;
 * several images are uploaded unpublished and attached to one feed post.
 */
export function facebookAdapter(config: PlatformConfig): PlatformAdapter {
  const base = `${config.graphBaseUrl.replace(/\/$/, '')}/${config.graphVersion}`;
  const post = (path: string, form: Record<string, string>, request: PublishRequest) =>
    call(`${base}/${path}`, {
      method: 'POST',
      form: { ...form, access_token: request.accessToken },
      timeoutMs: config.requestTimeoutMs,
      signal: request.signal,
      classify: classifyGraph,
    });

  const published = (postId: string, permalink?: unknown): Published => ({
    externalId: postId,
    url: typeof permalink === 'string' ? permalink : `https://www.facebook.com/${postId}`,
  });

  return {
    platform: 'facebook',
    async publish(request) {
      const page = encodeURIComponent(request.targetId);
      const images = request.media;
      if (images.length === 0) {
        const { body } = await post(`${page}/feed`, { message: request.content }, request);
        return published(field(body, 'id'));
      }
      if (images.length === 1) {
        const { body } = await post(
          `${page}/photos`,
          { url: images[0]!.url, message: request.content },
          request,
        );
        return published(field(body, 'post_id'));
      }
      // Unpublished photos are invisible until attached, so a retry after a failure here posts nothing twice.
      const ids: string[] = [];
      for (const image of images) {
        const { body } = await post(`${page}/photos`, { url: image.url, published: 'false' }, request);
        ids.push(field(body, 'id'));
      }
      const attached = Object.fromEntries(
        ids.map((id, i) => [`attached_media[${i}]`, JSON.stringify({ media_fbid: id })]),
      );
      const { body } = await post(`${page}/feed`, { message: request.content, ...attached }, request);
      return published(field(body, 'id'));
    },

    async lookup(request): Promise<Lookup> {
      if (request.content.trim() === '')
        return { status: 'unknown', reason: 'a post without text cannot be matched on the page feed' };
      const since = Math.floor((request.since.getTime() - LOOKUP_SKEW_MS) / 1000);
      const query = new URLSearchParams({
        fields: 'id,message,created_time,permalink_url',
        since: String(since),
        limit: '50',
        access_token: request.accessToken,
      });
      try {
        const { body } = await call(`${base}/${encodeURIComponent(request.targetId)}/feed?${query}`, {
          method: 'GET',
          timeoutMs: config.requestTimeoutMs,
          signal: request.signal,
          classify: classifyGraph,
        });
        const items = ((body as { data?: FeedItem[] } | undefined)?.data ?? []).filter(
          (item) => typeof item.id === 'string' && item.message === request.content,
        );
        if (items.length === 0) return { status: 'not_found' };
        const item = items.at(-1)!;
        return { status: 'found', ...published(item.id as string, item.permalink_url) };
      } catch (error) {
        return { status: 'unknown', reason: `could not read the page feed: ${(error as Error).message}` };
      }
    },
  };
}

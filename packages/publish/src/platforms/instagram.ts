import { classifyGraph } from '../retry/classify.js';
import { call, field, sleep } from './http.js';
import { PlatformError } from './platform-error.js';
import type { Lookup, PlatformAdapter, PlatformConfig, Published, PublishRequest } from './types.js';

/** Instagram allows this many API-published posts per account in a rolling 24 h. */
const DEFAULT_QUOTA = 50;
/** When the quota is used up we cannot know which slot frees first; look again in an hour. */
const QUOTA_RETRY_MS = 60 * 60_000;

type ContainerStatus = 'EXPIRED' | 'ERROR' | 'FINISHED' | 'IN_PROGRESS' | 'PUBLISHED';

/**
 * Instagram business accounts: create a media container, wait until it is FINISHED, publish it.
 * The container id is saved before `media_publish`, and a container can be published only once,
 * so a resumed attempt checks that container instead of creating (and publishing) a second one.
 */
export function instagramAdapter(config: PlatformConfig): PlatformAdapter {
  const base = `${config.instagramBaseUrl.replace(/\/$/, '')}/${config.graphVersion}`;
  const request$ = (
    request: PublishRequest,
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string>,
  ) => {
    const withToken = { ...params, access_token: request.accessToken };
    return call(method === 'GET' ? `${base}/${path}?${new URLSearchParams(withToken)}` : `${base}/${path}`, {
      method,
      ...(method === 'POST' ? { form: withToken } : {}),
      timeoutMs: config.requestTimeoutMs,
      signal: request.signal,
      classify: classifyGraph,
    });
  };
  const user = (request: PublishRequest) => encodeURIComponent(request.targetId);

  const containerStatus = async (request: PublishRequest, id: string): Promise<ContainerStatus> => {
    const { body } = await request$(request, 'GET', encodeURIComponent(id), { fields: 'status_code' });
    return field(body, 'status_code') as ContainerStatus;
  };

  const checkQuota = async (request: PublishRequest): Promise<void> => {
    let usage: number | undefined;
    let total = DEFAULT_QUOTA;
    try {
      const { body } = await request$(request, 'GET', `${user(request)}/content_publishing_limit`, {
        fields: 'quota_usage,config',
      });
      const entry = (body as { data?: { quota_usage?: unknown; config?: { quota_total?: unknown } }[] })
        ?.data?.[0];
      if (typeof entry?.quota_usage === 'number') usage = entry.quota_usage;
      if (typeof entry?.config?.quota_total === 'number') total = entry.config.quota_total;
    } catch {
      return; // The check is advisory: media_publish itself enforces the limit.
    }
    if (usage !== undefined && usage >= total) {
      throw new PlatformError(`Instagram publishing limit reached (${usage}/${total} in 24 h)`, {
        kind: 'retryable',
        code: 'ig_publishing_limit',
        retryAfterMs: QUOTA_RETRY_MS,
        accountBackoffUntil: new Date(Date.now() + QUOTA_RETRY_MS),
        beforePublish: true,
      });
    }
  };

  const createContainer = async (request: PublishRequest): Promise<string> => {
    const item = (m: (typeof request.media)[number]): Record<string, string> =>
      m.type === 'video' ? { media_type: 'REELS', video_url: m.url } : { image_url: m.url };
    if (request.media.length === 1) {
      const { body } = await request$(request, 'POST', `${user(request)}/media`, {
        ...item(request.media[0]!),
        caption: request.content,
      });
      return field(body, 'id');
    }
    const children: string[] = [];
    for (const m of request.media) {
      const params: Record<string, string> =
        m.type === 'video' ? { media_type: 'VIDEO', video_url: m.url } : { image_url: m.url };
      const { body } = await request$(request, 'POST', `${user(request)}/media`, {
        ...params,
        is_carousel_item: 'true',
      });
      children.push(field(body, 'id'));
    }
    const { body } = await request$(request, 'POST', `${user(request)}/media`, {
      media_type: 'CAROUSEL',
      children: children.join(','),
      caption: request.content,
    });
    return field(body, 'id');
  };

  const waitFinished = async (request: PublishRequest, id: string): Promise<ContainerStatus> => {
    for (let poll = 0; ; poll++) {
      const status = await containerStatus(request, id);
      if (status !== 'IN_PROGRESS' || poll >= config.instagramMaxPolls) return status;
      await sleep(config.instagramPollMs, request.signal);
    }
  };

  const permalink = async (request: PublishRequest, mediaId: string): Promise<Published> => {
    try {
      const { body } = await request$(request, 'GET', encodeURIComponent(mediaId), { fields: 'permalink' });
      const link = (body as { permalink?: unknown })?.permalink;
      return { externalId: mediaId, url: typeof link === 'string' ? link : null };
    } catch {
      return { externalId: mediaId, url: null };
    }
  };

  /** The media a PUBLISHED container became: matched by caption among the latest media. */
  const publishedMedia = async (request: PublishRequest): Promise<Published> => {
    try {
      const { body } = await request$(request, 'GET', `${user(request)}/media`, {
        fields: 'id,caption,permalink',
        limit: '25',
      });
      const match = (
        (body as { data?: { id?: unknown; caption?: unknown; permalink?: unknown }[] })?.data ?? []
      ).find((m) => m.caption === request.content && typeof m.id === 'string');
      if (match)
        return {
          externalId: match.id as string,
          url: typeof match.permalink === 'string' ? match.permalink : null,
        };
    } catch {
      // The container's PUBLISHED status is the proof; the id is a nicety.
    }
    return { externalId: null, url: null };
  };

  return {
    platform: 'instagram',
    async publish(request) {
      let containerId: string | undefined = request.state.containerId;
      let status: ContainerStatus | undefined = containerId
        ? await containerStatus(request, containerId)
        : undefined;
      if (status === 'PUBLISHED') return publishedMedia(request);
      if (!containerId || status === 'ERROR' || status === 'EXPIRED') {
        await checkQuota(request);
        containerId = await createContainer(request);
        await request.saveState({ containerId });
        status = undefined;
      }
      status = await waitFinished(request, containerId);
      if (status === 'PUBLISHED') return publishedMedia(request);
      if (status === 'IN_PROGRESS') {
        throw new PlatformError('Instagram is still processing the media', {
          kind: 'retryable',
          code: 'ig_container_in_progress',
        });
      }
      if (status !== 'FINISHED') {
        throw new PlatformError(`Instagram could not process the media (container ${status})`, {
          kind: 'invalid',
          code: `ig_container_${status.toLowerCase()}`,
        });
      }
      const { body } = await request$(request, 'POST', `${user(request)}/media_publish`, {
        creation_id: containerId,
      });
      return permalink(request, field(body, 'id'));
    },

    async lookup(request): Promise<Lookup> {
      const containerId = request.state.containerId;
      // Nothing can be published without a container, and we save the id before publishing it.
      if (!containerId) return { status: 'not_found' };
      try {
        const status = await containerStatus(request, containerId);
        if (status !== 'PUBLISHED') return { status: 'not_found' };
        return { status: 'found', ...(await publishedMedia(request)) };
      } catch (error) {
        return {
          status: 'unknown',
          reason: `could not read container ${containerId}: ${(error as Error).message}`,
        };
      }
    },
  };
}

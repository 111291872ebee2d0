import { classifyLinkedIn } from '../retry/classify.js';
import { call } from './http.js';
import { PlatformError } from './platform-error.js';
import type { Lookup, PlatformAdapter, PlatformConfig, PublishRequest } from './types.js';

const LOOKUP_SKEW_MS = 5 * 60_000;

interface LinkedInPost {
  id?: unknown;
  commentary?: unknown;
  createdAt?: unknown;
}

/** LinkedIn organization or member posts through the versioned REST API (`POST /rest/posts`). */
export function linkedinAdapter(config: PlatformConfig): PlatformAdapter {
  const base = `${config.linkedinBaseUrl.replace(/\/$/, '')}/rest`;
  const headers = (request: PublishRequest) => ({
    authorization: `Bearer ${request.accessToken}`,
    'linkedin-version': config.linkedinVersion,
    'x-restli-protocol-version': '2.0.0',
  });
  const url = (urn: string) => `https://www.linkedin.com/feed/update/${urn}`;

  return {
    platform: 'linkedin',
    async publish(request) {
      const response = await call(`${base}/posts`, {
        method: 'POST',
        headers: headers(request),
        json: {
          author: request.targetId,
          commentary: request.content,
          visibility: 'PUBLIC',
          distribution: {
            feedDistribution: 'MAIN_FEED',
            targetEntities: [],
            thirdPartyDistributionChannels: [],
          },
          lifecycleState: 'PUBLISHED',
          isReshareDisabledByAuthor: false,
        },
        timeoutMs: config.requestTimeoutMs,
        signal: request.signal,
        classify: classifyLinkedIn,
      });
      const urn = response.headers.get('x-restli-id');
      if (!urn) {
        throw new PlatformError('LinkedIn accepted the post but sent no x-restli-id', {
          kind: 'retryable',
          code: 'bad_answer',
          ambiguous: true,
        });
      }
      return { externalId: urn, url: url(urn) };
    },

    async lookup(request): Promise<Lookup> {
      if (request.content.trim() === '')
        return { status: 'unknown', reason: 'a post without text cannot be matched' };
      const query = new URLSearchParams({
        author: request.targetId,
        q: 'author',
        count: '50',
        sortBy: 'CREATED',
      });
      try {
        const { body } = await call(`${base}/posts?${query}`, {
          method: 'GET',
          headers: headers(request),
          timeoutMs: config.requestTimeoutMs,
          signal: request.signal,
          classify: classifyLinkedIn,
        });
        const after = request.since.getTime() - LOOKUP_SKEW_MS;
        const match = ((body as { elements?: LinkedInPost[] } | undefined)?.elements ?? []).find(
          (p) =>
            typeof p.id === 'string' &&
            p.commentary === request.content &&
            (typeof p.createdAt !== 'number' || p.createdAt >= after),
        );
        return match
          ? { status: 'found', externalId: match.id as string, url: url(match.id as string) }
          : { status: 'not_found' };
      } catch (error) {
        return {
          status: 'unknown',
          reason: `could not list the author's posts: ${(error as Error).message}`,
        };
      }
    },
  };
}

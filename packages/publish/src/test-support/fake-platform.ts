/**
 * A local stand-in for the Facebook Graph API (Pages + Instagram) and LinkedIn's REST API, for
 * tests only. It keeps what was published, so tests can count posts, and it can misbehave on
 * demand: error answers of every class, slow answers, and lost answers (the post IS created, then
 * the connection is dropped before the reply — the case that makes double posts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'error'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Do the work at once, answer after a delay. */
  | { kind: 'slow'; delayMs: number }
  /** Do the work, then destroy the socket without answering. */
  | { kind: 'lost' }
  /** Never answer and do nothing (until the client gives up). */
  | { kind: 'hang' };

export interface FaultMatch {
  method?: 'GET' | 'POST';
  /** Substring of the path, or a pattern. */
  path?: string | RegExp;
}

export interface FakePost {
  platform: 'facebook' | 'instagram' | 'linkedin';
  target: string;
  id: string;
  text: string;
  media: string[];
  createdAt: Date;
}

interface Container {
  id: string;
  user: string;
  caption: string;
  media: string[];
  pollsLeft: number;
  status: 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR';
  mediaId?: string;
}

export interface FakePlatform {
  url: string;
  readonly posts: FakePost[];
  readonly requests: { method: string; path: string }[];
  /** The next `times` requests matching `match` get `fault` instead of (or around) normal handling. */
  inject(match: FaultMatch, fault: Fault, times?: number): void;
  /** Chaos: each publishing request (POST) is answered-then-lost with this probability. */
  setLostRate(rate: number, random?: () => number): void;
  /** Tokens the platform rejects as expired (Graph code 190 / LinkedIn 401). */
  revokeToken(token: string): void;
  /** Instagram publishes already counted in the last 24 h, per IG user. */
  setInstagramUsage(user: string, usage: number): void;
  /** GET polls a new Instagram container answers IN_PROGRESS before FINISHED. Default 1. */
  containerPolls: number;
  postsWithText(text: string): FakePost[];
  close(): Promise<void>;
}

interface Pending {
  match: FaultMatch;
  fault: Fault;
  left: number;
}

function matches(match: FaultMatch, method: string, path: string): boolean {
  if (match.method && match.method !== method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? path.includes(match.path) : match.path.test(path);
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if ((request.headers['content-type'] ?? '').includes('json'))
    return JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(text));
}

const graphError = (code: number, message: string, status = 400) => ({
  status,
  body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'fake' } },
});

export async function startFakePlatform(): Promise<FakePlatform> {
  const posts: FakePost[] = [];
  const requests: { method: string; path: string }[] = [];
  const pending: Pending[] = [];
  const revoked = new Set<string>();
  const igUsage = new Map<string, number>();
  const containers = new Map<string, Container>();
  const unpublishedPhotos = new Map<string, string>();
  const igMedia = new Map<string, FakePost>();
  let lostRate = 0;
  let rand = Math.random;
  let seq = 1000;
  const next = () => String(++seq);

  type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

  const fbPost = (page: string, text: string, media: string[]): FakePost => {
    const post: FakePost = {
      platform: 'facebook',
      target: page,
      id: `${page}_${next()}`,
      text,
      media,
      createdAt: new Date(),
    };
    posts.push(post);
    return post;
  };

  function graph(
    method: string,
    parts: string[],
    query: URLSearchParams,
    body: Record<string, unknown>,
  ): Answer {
    const token = String(body.access_token ?? query.get('access_token') ?? '');
    if (!token) return graphError(104, 'An access token is required');
    if (revoked.has(token)) return graphError(190, 'Error validating access token: Session has expired', 400);
    const [node, edge] = parts;
    if (!node) return { status: 404, body: { error: { message: 'unknown path', code: 803 } } };
    if (method === 'POST' && edge === 'feed') {
      const attached = Object.keys(body)
        .filter((k) => k.startsWith('attached_media'))
        .map((k) => (JSON.parse(String(body[k])) as { media_fbid: string }).media_fbid);
      const media = attached.map((id) => unpublishedPhotos.get(id) ?? id);
      return { status: 200, body: { id: fbPost(node, String(body.message ?? ''), media).id } };
    }
    if (method === 'POST' && edge === 'photos') {
      const photoId = next();
      if (body.published === 'false') {
        unpublishedPhotos.set(photoId, String(body.url));
        return { status: 200, body: { id: photoId } };
      }
      const post = fbPost(node, String(body.message ?? ''), [String(body.url)]);
      return { status: 200, body: { id: photoId, post_id: post.id } };
    }
    if (method === 'GET' && edge === 'feed') {
      const since = Number(query.get('since') ?? 0) * 1000;
      const data = posts
        .filter((p) => p.platform === 'facebook' && p.target === node && p.createdAt.getTime() >= since)
        .reverse()
        .map((p) => ({
          id: p.id,
          message: p.text,
          created_time: p.createdAt.toISOString().replace('Z', '+0000'),
          permalink_url: `https://www.facebook.com/${p.id}`,
        }));
      return { status: 200, body: { data } };
    }
    if (method === 'POST' && edge === 'media') {
      const id = next();
      if (body.is_carousel_item === 'true') {
        containers.set(id, {
          id,
          user: node,
          caption: '',
          media: [String(body.image_url ?? body.video_url)],
          pollsLeft: 0,
          status: 'FINISHED',
        });
        return { status: 200, body: { id } };
      }
      const media =
        body.media_type === 'CAROUSEL'
          ? String(body.children ?? '')
              .split(',')
              .flatMap((c) => containers.get(c)?.media ?? [])
          : [String(body.image_url ?? body.video_url)];
      containers.set(id, {
        id,
        user: node,
        caption: String(body.caption ?? ''),
        media,
        pollsLeft: fake.containerPolls,
        status: 'IN_PROGRESS',
      });
      return { status: 200, body: { id } };
    }
    if (method === 'POST' && edge === 'media_publish') {
      const container = containers.get(String(body.creation_id));
      if (!container || container.user !== node) return graphError(100, 'Invalid creation_id');
      if (container.status === 'PUBLISHED') return graphError(9007, 'Media already published', 400);
      if (container.status !== 'FINISHED') return graphError(9007, 'Media ID is not available', 400);
      const used = igUsage.get(node) ?? 0;
      if (used >= 50) return graphError(4, 'Application request limit reached', 400);
      igUsage.set(node, used + 1);
      const post: FakePost = {
        platform: 'instagram',
        target: node,
        id: next(),
        text: container.caption,
        media: container.media,
        createdAt: new Date(),
      };
      posts.push(post);
      igMedia.set(post.id, post);
      container.status = 'PUBLISHED';
      container.mediaId = post.id;
      return { status: 200, body: { id: post.id } };
    }
    if (method === 'GET' && edge === 'media') {
      const data = posts
        .filter((p) => p.platform === 'instagram' && p.target === node)
        .reverse()
        .map((p) => ({
          id: p.id,
          caption: p.text,
          permalink: `https://www.instagram.com/p/${p.id}/`,
          timestamp: p.createdAt.toISOString(),
        }));
      return { status: 200, body: { data } };
    }
    if (method === 'GET' && edge === 'content_publishing_limit') {
      return {
        status: 200,
        body: {
          data: [{ quota_usage: igUsage.get(node) ?? 0, config: { quota_total: 50, quota_duration: 86400 } }],
        },
      };
    }
    if (method === 'GET' && edge === undefined) {
      const container = containers.get(node);
      if (container) {
        if (container.status === 'IN_PROGRESS') {
          if (container.pollsLeft <= 0) container.status = 'FINISHED';
          else container.pollsLeft--;
        }
        return { status: 200, body: { id: node, status_code: container.status } };
      }
      const media = igMedia.get(node);
      if (media)
        return { status: 200, body: { id: node, permalink: `https://www.instagram.com/p/${node}/` } };
    }
    return {
      status: 404,
      body: { error: { message: `unsupported ${method} /${parts.join('/')}`, code: 803 } },
    };
  }

  function linkedin(
    method: string,
    request: IncomingMessage,
    query: URLSearchParams,
    body: Record<string, unknown>,
  ): Answer {
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!token || revoked.has(token))
      return { status: 401, body: { status: 401, message: 'Invalid access token', serviceErrorCode: 65600 } };
    if (!request.headers['linkedin-version'] || request.headers['x-restli-protocol-version'] !== '2.0.0') {
      return {
        status: 400,
        body: { status: 400, message: 'missing LinkedIn-Version or X-Restli-Protocol-Version' },
      };
    }
    if (method === 'POST') {
      const post: FakePost = {
        platform: 'linkedin',
        target: String(body.author),
        id: `urn:li:share:${next()}`,
        text: String(body.commentary ?? ''),
        media: [],
        createdAt: new Date(),
      };
      posts.push(post);
      return { status: 201, headers: { 'x-restli-id': post.id } };
    }
    const author = query.get('author');
    const elements = posts
      .filter((p) => p.platform === 'linkedin' && p.target === author)
      .reverse()
      .map((p) => ({ id: p.id, author: p.target, commentary: p.text, createdAt: p.createdAt.getTime() }));
    return { status: 200, body: { elements } };
  }

  const send = (response: ServerResponse, answer: Answer) => {
    response.writeHead(answer.status, {
      ...(answer.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...answer.headers,
    });
    response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  };

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const method = request.method ?? 'GET';
      requests.push({ method, path: url.pathname });
      const body = method === 'POST' ? await readBody(request) : {};
      const slot = pending.find((p) => p.left > 0 && matches(p.match, method, url.pathname));
      if (slot) slot.left--;
      const fault = slot?.fault;
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'error') {
        send(response, {
          status: fault.status,
          body: fault.body,
          ...(fault.headers ? { headers: fault.headers } : {}),
        });
        return;
      }
      const parts = url.pathname.split('/').filter(Boolean);
      const answer =
        parts[0] === 'rest'
          ? linkedin(method, request, url.searchParams, body)
          : graph(method, parts.slice(1).map(decodeURIComponent), url.searchParams, body);
      const lost = fault?.kind === 'lost' || (method === 'POST' && lostRate > 0 && rand() < lostRate);
      if (lost) {
        request.socket.destroy();
        return;
      }
      // Slow means a slow *answer*: the work is done at once, the reply comes late (if still wanted).
      if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (!response.destroyed) send(response, answer);
    })().catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakePlatform = {
    url: `http://127.0.0.1:${port}`,
    posts,
    requests,
    containerPolls: 1,
    inject(match, fault, times = 1) {
      pending.push({ match, fault, left: times });
    },
    setLostRate(rate, random = Math.random) {
      lostRate = rate;
      rand = random;
    },
    revokeToken(token) {
      revoked.add(token);
    },
    setInstagramUsage(user, usage) {
      igUsage.set(user, usage);
    },
    postsWithText(text) {
      return posts.filter((p) => p.text === text);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

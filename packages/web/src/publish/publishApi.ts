/**
 * The Publish API (`/api/v1/publish`, see docs/publish.md) as typed calls. Shapes mirror the
 * server's zod schemas in packages/app/src/http/routes/publish/schemas.ts.
 */
import { request } from '../api';

export const POST_STATUSES = [
  'draft',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'cancelled',
  'unconfirmed',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];
export const PLATFORMS = ['facebook', 'instagram', 'linkedin'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface Company {
  id: string;
  name: string;
  role: string;
}

export interface Account {
  id: string;
  companyId: string;
  clientId: string | null;
  platform: Platform;
  externalId: string;
  name: string;
  status: 'connected' | 'needs_reauth';
  statusReason: string | null;
  connected: boolean;
  backoffUntil: string | null;
}

export interface Client {
  id: string;
  name: string;
  accounts: Account[];
}

export interface Media {
  url: string;
  type: 'image' | 'video';
}

/** A catalog product attached to a post; its link is appended to the published text. */
export interface ProductCard {
  sku: string;
  name: string;
  url: string;
  image: string | null;
}

export interface Post {
  id: string;
  companyId: string;
  clientId: string | null;
  accountId: string;
  authorId: string;
  content: string;
  media: Media[];
  product: ProductCard | null;
  scheduledAt: string | null;
  timeZone: string;
  status: PostStatus;
  version: number;
  attempts: number;
  nextAttemptAt: string | null;
  lastErrorCode: string | null;
  lastError: string | null;
  externalId: string | null;
  externalUrl: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AttemptEvent {
  id: number;
  attempt: number;
  event: string;
  workerId: string | null;
  errorClass: string | null;
  errorCode: string | null;
  message: string | null;
  httpStatus: number | null;
  at: string;
}

export type PostWithAttempts = Post & { attemptLog: AttemptEvent[] };

export interface NewPost {
  accountId: string;
  content: string;
  media: Media[];
  product?: ProductCard | null;
  scheduledAt?: string;
  timeZone: string;
  draft?: boolean;
}

export interface NewAccount {
  platform: Platform;
  externalId: string;
  name: string;
  accessToken: string;
  clientId?: string | null;
}

/** Calls bound to one token and one company. */
export function publishApi(token: string, companyId: string) {
  const base = `/api/v1/publish/companies/${encodeURIComponent(companyId)}`;
  return {
    accounts: (signal?: AbortSignal) =>
      request<{ accounts: Account[] }>(`${base}/accounts`, { token, signal }),
    clients: (signal?: AbortSignal) => request<{ clients: Client[] }>(`${base}/clients`, { token, signal }),
    connectAccount: (body: NewAccount) =>
      request<Account>(`${base}/accounts`, { method: 'POST', token, body }),
    disconnectAccount: (id: string) =>
      request<Account>(`${base}/accounts/${id}`, { method: 'DELETE', token }),
    addClient: (name: string) =>
      request<Client>(`${base}/clients`, { method: 'POST', token, body: { name } }),
    posts: (query: { status?: PostStatus; limit?: number; cursor?: string | null }, signal?: AbortSignal) => {
      const params = new URLSearchParams({ limit: String(query.limit ?? 200) });
      if (query.status) params.set('status', query.status);
      if (query.cursor) params.set('cursor', query.cursor);
      return request<{ posts: Post[]; nextCursor: string | null }>(`${base}/posts?${params}`, {
        token,
        signal,
      });
    },
    post: (id: string, signal?: AbortSignal) =>
      request<PostWithAttempts>(`${base}/posts/${id}`, { token, signal }),
    createPost: (body: NewPost) => request<Post>(`${base}/posts`, { method: 'POST', token, body }),
    reschedule: (id: string, scheduledAt: string, timeZone: string, version: number) =>
      request<Post>(`${base}/posts/${id}`, {
        method: 'PATCH',
        token,
        body: { scheduledAt, timeZone, version },
      }),
    /** Attaches a catalog product card (null removes it). */
    setProduct: (id: string, product: ProductCard | null) =>
      request<Post>(`${base}/posts/${id}`, { method: 'PATCH', token, body: { product } }),
    /** Content edits of a draft (the live room saves through this). */
    updateContent: (id: string, content: string) =>
      request<Post>(`${base}/posts/${id}`, { method: 'PATCH', token, body: { content } }),
    schedule: (id: string, scheduledAt: string) =>
      request<Post>(`${base}/posts/${id}/schedule`, { method: 'POST', token, body: { scheduledAt } }),
    cancel: (id: string) => request<Post>(`${base}/posts/${id}/cancel`, { method: 'POST', token, body: {} }),
    retry: (id: string) => request<Post>(`${base}/posts/${id}/retry`, { method: 'POST', token, body: {} }),
  };
}

export type PublishApi = ReturnType<typeof publishApi>;

export function listCompanies(token: string, signal?: AbortSignal): Promise<{ companies: Company[] }> {
  return request<{ companies: Company[] }>('/api/v1/publish/companies', { token, signal });
}

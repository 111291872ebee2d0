import type { Media, Platform } from '../domain/types.js';

export interface PlatformConfig {
  /** Graph API (Facebook Pages), e.g. https://graph.facebook.com, and its version, e.g. v23.0. */
  graphBaseUrl: string;
  graphVersion: string;
  /** Instagram Graph API base (same host as Facebook by default); uses `graphVersion`. */
  instagramBaseUrl: string;
  /** LinkedIn REST base, e.g. https://api.linkedin.com, and the `LinkedIn-Version` header (YYYYMM). */
  linkedinBaseUrl: string;
  linkedinVersion: string;
  /** Each HTTP request is abandoned (and treated as possibly done) after this long. */
  requestTimeoutMs: number;
  /** Instagram container status polling. */
  instagramPollMs: number;
  instagramMaxPolls: number;
}

export const DEFAULT_PLATFORM_CONFIG: PlatformConfig = {
  graphBaseUrl: 'https://graph.facebook.com',
  graphVersion: 'v23.0',
  instagramBaseUrl: 'https://graph.facebook.com',
  linkedinBaseUrl: 'https://api.linkedin.com',
  linkedinVersion: '202506',
  requestTimeoutMs: 15_000,
  instagramPollMs: 1_000,
  instagramMaxPolls: 10,
};

export interface PublishRequest {
  postId: string;
  content: string;
  media: readonly Media[];
  /** Page id, Instagram user id, or LinkedIn author URN. */
  targetId: string;
  accessToken: string;
  /** Progress saved by an earlier attempt of this post (e.g. an Instagram container id). */
  state: Readonly<Record<string, string>>;
  /** Persists progress before the step that publishes, so a resumed attempt continues instead of re-posting. */
  saveState(patch: Record<string, string>): Promise<void>;
  /** When the first attempt of this cycle started: lookups only consider posts created after it. */
  since: Date;
  /** Aborted when this worker loses its claim on the post or shuts down. */
  signal: AbortSignal;
}

export interface Published {
  externalId: string | null;
  url: string | null;
}

export type Lookup =
  | ({ status: 'found' } & Published)
  | { status: 'not_found' }
  /** The platform cannot tell (lookup failed or is ambiguous): the post becomes `unconfirmed`. */
  | { status: 'unknown'; reason: string };

export interface PlatformAdapter {
  readonly platform: Platform;
  publish(request: PublishRequest): Promise<Published>;
  /** Did an earlier, interrupted attempt of this post already publish it? */
  lookup(request: PublishRequest): Promise<Lookup>;
}

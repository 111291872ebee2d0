/** The Publish model as the domain hands it out (never a token, never a raw row). */
import type { ProductCard } from './product-card.js';

export const PLATFORMS = ['facebook', 'instagram', 'linkedin'] as const;
export type Platform = (typeof PLATFORMS)[number];

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

export const ACCOUNT_STATUSES = ['connected', 'needs_reauth'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const MEDIA_TYPES = ['image', 'video'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export interface Media {
  url: string;
  type: MediaType;
}

export interface Company {
  id: string;
  name: string;
  createdAt: Date;
}

export interface Client {
  id: string;
  companyId: string;
  name: string;
  createdAt: Date;
}

export interface Account {
  id: string;
  companyId: string;
  clientId: string | null;
  platform: Platform;
  externalId: string;
  name: string;
  status: AccountStatus;
  statusReason: string | null;
  tokenExpiresAt: Date | null;
  backoffUntil: Date | null;
  connected: boolean;
  createdAt: Date;
}

export interface Post {
  id: string;
  companyId: string;
  clientId: string | null;
  accountId: string;
  authorId: string;
  content: string;
  media: Media[];
  /** A catalog product attached as a card; its link is appended to the published text. */
  product: ProductCard | null;
  scheduledAt: Date | null;
  timeZone: string;
  status: PostStatus;
  version: number;
  attempts: number;
  nextAttemptAt: Date | null;
  lastErrorCode: string | null;
  lastError: string | null;
  externalId: string | null;
  externalUrl: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const ATTEMPT_EVENTS = [
  'started',
  'published',
  'found_existing',
  'retry',
  'failed',
  'unconfirmed',
  'abandoned',
  'deferred',
] as const;
export type AttemptEvent = (typeof ATTEMPT_EVENTS)[number];

export interface AttemptLogEntry {
  id: number;
  attempt: number;
  event: AttemptEvent;
  workerId: string | null;
  errorClass: string | null;
  errorCode: string | null;
  message: string | null;
  httpStatus: number | null;
  externalId: string | null;
  at: Date;
}

export interface PostWithAttempts extends Post {
  attemptLog: AttemptLogEntry[];
}

/** States in which a post can still be edited, rescheduled or cancelled. */
export const EDITABLE_STATUSES: readonly PostStatus[] = ['draft', 'scheduled'];

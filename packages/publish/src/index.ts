/** @ensemble/publish — scheduling domain: companies, clients, accounts, posts; queue worker; platform adapters. */

export type { TokenCipher } from './crypto/token-cipher.js';
export { createTokenCipher, deriveDevKey, parseKey } from './crypto/token-cipher.js';
export type { ConnectAccountInput } from './domain/accounts.js';
export { connectAccount, disconnectAccount, listAccounts } from './domain/accounts.js';
export type { Caller, TenantRole } from './domain/caller.js';
export type { ClientWithAccounts } from './domain/clients.js';
export { createClient, listClients } from './domain/clients.js';
export { listCompanies, renameCompany } from './domain/companies.js';
export { isPublishConflict, PublishConflictError, PublishErrorCode } from './domain/errors.js';
export type { PostQueue } from './domain/post-queue.js';
export type { ListPostsQuery, PostPage } from './domain/posts-read.js';
export { getPost, listPosts } from './domain/posts-read.js';
export type { CreatePostInput, PostDeps, UpdatePostInput } from './domain/posts-write.js';
export { cancelPost, createPost, retryPost, scheduleDraft, updatePost } from './domain/posts-write.js';
export type { ProductCard } from './domain/product-card.js';
export { publishedText } from './domain/product-card.js';
export type {
  Account,
  AccountStatus,
  AttemptEvent,
  AttemptLogEntry,
  Client,
  Company,
  Media,
  MediaType,
  Platform,
  Post,
  PostStatus,
  PostWithAttempts,
} from './domain/types.js';
export { ACCOUNT_STATUSES, ATTEMPT_EVENTS, MEDIA_TYPES, PLATFORMS, POST_STATUSES } from './domain/types.js';
export type { Adapters } from './platforms/adapters.js';
export { createAdapters } from './platforms/adapters.js';
export type { ErrorKind } from './platforms/platform-error.js';
export { PlatformError } from './platforms/platform-error.js';
export type {
  Lookup,
  PlatformAdapter,
  PlatformConfig,
  Published,
  PublishRequest,
} from './platforms/types.js';
export { DEFAULT_PLATFORM_CONFIG } from './platforms/types.js';
export type { PublishJobData, PublishQueueOptions } from './queue/publish-queue.js';
export { PUBLISH_QUEUE, PublishQueue } from './queue/publish-queue.js';
export type { BackoffOptions } from './retry/backoff.js';
export { DEFAULT_BACKOFF } from './retry/backoff.js';
export type { Outcome } from './worker/outcome.js';
export type { PublishLogger, PublishWorkerOptions } from './worker/publish-worker.js';
export { PublishWorker } from './worker/publish-worker.js';
export { sweep } from './worker/sweep.js';

import type { TokenCipher } from '../crypto/token-cipher.js';
import { publishedText, splitStoredMedia } from '../domain/product-card.js';
import type { Adapters } from '../platforms/adapters.js';
import { PlatformError } from '../platforms/platform-error.js';
import type { PublishRequest } from '../platforms/types.js';
import { type BackoffOptions, backoffDelay } from '../retry/backoff.js';
import type { Claim } from './claim.js';
import type { Outcome } from './outcome.js';

export interface AttemptDeps {
  adapters: Adapters;
  cipher: TokenCipher;
  maxAttempts: number;
  backoff: BackoffOptions;
  /** Persists platform progress, refusing (by throwing) once this attempt has lost its lease. */
  saveState(patch: Record<string, string>): Promise<void>;
  signal: AbortSignal;
  now?: () => Date;
  random?: () => number;
}

type RunClaim = Extract<Claim, { kind: 'run' }>;

function asPlatformError(error: unknown): PlatformError {
  if (error instanceof PlatformError) return error;
  // An unexpected failure inside an adapter: we cannot know how far it got.
  return new PlatformError(
    `unexpected error: ${(error as Error)?.message ?? String(error)}`,
    {
      kind: 'retryable',
      code: 'internal',
      ambiguous: true,
    },
    { cause: error },
  );
}

/**
 * One attempt at one post, without touching the database (except through `saveState`):
 * 1. if an earlier attempt may have published it, ask the platform first and complete from there;
 * 2. otherwise publish;
 * 3. classify a failure into retry / failed / unconfirmed. Before giving up after an answer that
 *    may have hidden a success, look once more — "failed" must mean "not on the platform".
 */
export async function runAttempt(claim: RunClaim, deps: AttemptDeps): Promise<Outcome> {
  const { post, account } = claim;
  const adapter = deps.adapters[account.platform];
  let accessToken: string;
  try {
    accessToken = deps.cipher.decrypt(account.token_ciphertext!, account.id);
  } catch (error) {
    return {
      kind: claim.uncertain ? 'unconfirmed' : 'failed',
      code: 'token_unreadable',
      message: (error as Error).message,
    };
  }
  const { media, product } = splitStoredMedia(post.media);
  const request: PublishRequest = {
    postId: post.id,
    // The attached product goes out as a link in the text; lookups match on the same text.
    content: publishedText(post.content, product),
    media,
    targetId: account.external_id,
    accessToken,
    state: post.platform_state,
    saveState: deps.saveState,
    since: claim.since,
    signal: deps.signal,
  };

  const lookup = async (ifNotFound: () => Outcome | Promise<Outcome>): Promise<Outcome> => {
    const found = await adapter.lookup(request);
    if (found.status === 'found')
      return { kind: 'published', foundExisting: true, externalId: found.externalId, url: found.url };
    if (found.status === 'unknown') {
      return {
        kind: 'unconfirmed',
        message: `an earlier attempt may have published this post and ${account.platform} cannot confirm it (${found.reason}); check the ${account.platform} account, then retry or cancel`,
      };
    }
    return ifNotFound();
  };

  const publish = async (): Promise<Outcome> => {
    if (claim.lookupOnly) {
      return {
        kind: 'failed',
        code: 'attempts_exhausted',
        message: `not published after ${deps.maxAttempts} attempts: ${post.last_error ?? 'interrupted'}`,
      };
    }
    try {
      const published = await adapter.publish(request);
      return { kind: 'published', foundExisting: false, ...published };
    } catch (raw) {
      return decide(asPlatformError(raw));
    }
  };

  const decide = async (error: PlatformError): Promise<Outcome> => {
    const failed: Outcome = { kind: 'failed', code: error.code, message: error.message, error };
    switch (error.kind) {
      case 'duplicate':
        // The platform already has this text: ours (a lost reply) if it appeared since we started.
        return lookup(() => failed);
      case 'retryable': {
        const used = post.attempts - (error.beforePublish ? 1 : 0);
        if (used < deps.maxAttempts) {
          const now = deps.now?.() ?? new Date();
          const wait = Math.max(backoffDelay(used, deps.backoff, deps.random), error.retryAfterMs ?? 0);
          const at = new Date(Math.max(now.getTime() + wait, error.accountBackoffUntil?.getTime() ?? 0));
          return { kind: 'retry', at, error };
        }
        const exhausted: Outcome = {
          ...failed,
          message: `gave up after ${deps.maxAttempts} attempts: ${error.message}`,
        };
        return error.ambiguous ? lookup(() => exhausted) : exhausted;
      }
      default:
        return failed;
    }
  };

  return claim.uncertain ? lookup(publish) : publish();
}

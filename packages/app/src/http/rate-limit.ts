import { ErrorCode } from '@ensemble/protocol';
import { rateRule } from '@ensemble/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from './auth.js';
import type { AppContext } from './context.js';
import { errorBody } from './errors.js';

/** The REST API; health, metrics, API docs, the web app and WebSocket upgrades are not limited. */
const LIMITED_PREFIX = '/api/v1/';

/**
 * Whose budget a request spends: the verified user's, so people behind one NAT do not share one;
 * the client IP's without a valid token (a forged `sub` must not spend someone else's budget).
 */
async function requester(ctx: AppContext, request: FastifyRequest): Promise<string> {
  try {
    return `user:${(await authenticate(ctx, request)).user.id}`;
  } catch {
    // The route itself answers 401 if it needs a token.
    return `ip:${request.ip}`;
  }
}

/** `ENSEMBLE_API_REQUESTS_PER_MINUTE`: 429 with `Retry-After` and the usual error body. */
export function installApiRateLimit(app: FastifyInstance, ctx: AppContext): void {
  const perMinute = ctx.config.apiRequestsPerMinute;
  if (perMinute === 0) return;
  const rule = rateRule('api', perMinute, 60_000);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(LIMITED_PREFIX)) return;
    const decision = await ctx.limiter.take(rule, await requester(ctx, request));
    if (decision.allowed) return;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    return reply
      .status(429)
      .header('retry-after', String(seconds))
      .send(
        errorBody(
          ErrorCode.RateLimited,
          `too many requests: the limit is ${perMinute} per minute; retry in ${seconds} s`,
          { limit: rule.name, perMinute, retryAfterMs: decision.retryAfterMs },
        ),
      );
  });
}

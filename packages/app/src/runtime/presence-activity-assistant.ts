import {
  ActivityService,
  ActivityWriter,
  AssistantService,
  Facilitator,
  OpenAiAnswerer,
  PgActivityStore,
  PgAssistantStore,
  PgHistoryStore,
  PresenceService,
  type RateLimiter,
  rateRule,
  type ServiceFactory,
} from '@ensemble/server';
import type { Database } from '@ensemble/storage';
import type { Config } from '../config/schema.js';
import type { Logger } from './logger.js';

/**
 * Presence status, the activity stream and the shared assistant (issue 4 §2, §4, §7). The assistant
 * uses a model only when `ENSEMBLE_ASSISTANT_URL` is set, and then only for questions the built-in
 * facilitator does not recognize: room facts are always answered from the room's own data.
 */
export function presenceActivityAssistant(deps: {
  db: Database;
  config: Config;
  log: Logger;
  limiter: RateLimiter;
}): ServiceFactory[] {
  const { config, log } = deps;
  // One writer for every room of this node: their activity flushes share statements.
  const activityStore = new ActivityWriter(new PgActivityStore(deps.db));
  const assistantStore = new PgAssistantStore(deps.db);
  const history = new PgHistoryStore(deps.db);
  const onError = (error: unknown, context: string) => log.error({ err: error }, context);
  const model = config.assistantUrl
    ? new OpenAiAnswerer({
        url: config.assistantUrl,
        key: config.assistantKey,
        model: config.assistantModel,
        timeoutMs: config.assistantTimeoutMs,
      })
    : null;
  // Shared by all nodes on a cluster: a model costs money per question, wherever it is asked.
  const questionRate =
    config.assistantQuestionsPerMinute > 0
      ? { limiter: deps.limiter, rule: rateRule('assistant', config.assistantQuestionsPerMinute, 60_000) }
      : undefined;
  return [
    (ctx) =>
      new PresenceService(ctx, {
        idleAfterMs: config.presenceIdleMs,
        awayAfterMs: config.presenceAwayMs,
        removeAfterMs: config.presenceRemoveMs,
      }),
    (ctx) => new ActivityService(ctx, activityStore, { onError }),
    (ctx) =>
      new AssistantService(ctx, assistantStore, {
        answerers: model ? [new Facilitator(false), model] : [new Facilitator()],
        history,
        onError,
        ...(questionRate ? { questionRate } : {}),
      }),
  ];
}

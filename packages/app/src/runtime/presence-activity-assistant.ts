import {
  ActivityService,
  AssistantService,
  Facilitator,
  OpenAiAnswerer,
  PgActivityStore,
  PgAssistantStore,
  PgHistoryStore,
  PresenceService,
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
}): ServiceFactory[] {
  const { config, log } = deps;
  const activityStore = new PgActivityStore(deps.db);
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
      }),
  ];
}

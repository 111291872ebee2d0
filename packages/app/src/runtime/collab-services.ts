import {
  chatService,
  PgChatStore,
  type RateLimiter,
  type ServiceFactory,
  studioService,
} from '@ensemble/server';
import type { Database } from '@ensemble/storage';
import type { Config } from '../config/schema.js';
import type { Logger } from './logger.js';
import { presenceActivityAssistant } from './presence-activity-assistant.js';

/**
 * The room services the app adds on top of the engine's defaults (locks, events, history): each
 * collaboration feature registers its factory here, with the storage and settings it needs.
 */
export function collabServices(deps: {
  db: Database;
  config: Config;
  log: Logger;
  limiter: RateLimiter;
}): ServiceFactory[] {
  return [chatService(new PgChatStore(deps.db)), studioService(), ...presenceActivityAssistant(deps)];
}

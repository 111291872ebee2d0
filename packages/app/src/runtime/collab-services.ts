import type { ServiceFactory } from '@ensemble/server';
import type { Database } from '@ensemble/storage';
import type { Config } from '../config/schema.js';
import type { Logger } from './logger.js';

/**
 * The room services the app adds on top of the engine's defaults (locks, events, history): each
 * collaboration feature registers its factory here, with the storage and settings it needs.
 */
export function collabServices(_deps: { db: Database; config: Config; log: Logger }): ServiceFactory[] {
  return [];
}

import pino, { type Logger } from 'pino';
import type { Config } from '../config/schema.js';

export type { Logger };

/** Structured JSON logs to stdout; the level comes from config. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'ensemble', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

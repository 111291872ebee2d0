import { readFileSync } from 'node:fs';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { z } from 'zod';
import { type Config, type ConfigInput, configSchema, SETTINGS, type SettingName } from './schema.js';

export interface ConfigSources {
  /** Parsed CLI flags, keyed by setting name (highest precedence). */
  flags?: ConfigInput;
  /** Usually `process.env`. */
  env?: Record<string, string | undefined>;
  /** Path of a JSON config file with setting names as keys (lowest precedence). */
  file?: string | undefined;
}

type Source = 'flag' | 'env' | 'file';

function describe(setting: string, source: Source | undefined, file?: string): string {
  const known = SETTINGS[setting as SettingName];
  if (!known) return setting;
  if (source === 'flag') return known.flag;
  if (source === 'file') return `${setting} (in ${file})`;
  return known.env;
}

function readFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EnsembleError(ErrorCode.Config, `cannot read config file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new EnsembleError(
      ErrorCode.Config,
      `config file ${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EnsembleError(ErrorCode.Config, `config file ${path} must contain a JSON object of settings`);
  }
  return parsed as Record<string, unknown>;
}

function formatIssue(issue: z.core.$ZodIssue, sourceOf: Map<string, Source>, file?: string): string {
  const key = String(issue.path[0] ?? '');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((k) => `${k} (in ${file}): unknown setting (known: ${Object.keys(SETTINGS).join(', ')})`)
      .join('\n');
  }
  return `${describe(key, sourceOf.get(key), file)}: ${issue.message}`;
}

/**
 * Merges defaults < config file < environment < flags and validates once. Every problem is reported
 * together, each naming the exact flag, variable or file key that holds the bad value.
 */
export function loadConfig(sources: ConfigSources = {}): Config {
  const env = sources.env ?? {};
  const file = sources.file ?? env.ENSEMBLE_CONFIG;
  const merged: Record<string, unknown> = {};
  const sourceOf = new Map<string, Source>();

  if (file) {
    for (const [key, value] of Object.entries(readFile(file))) {
      merged[key] = value;
      sourceOf.set(key, 'file');
    }
  }
  for (const [name, setting] of Object.entries(SETTINGS)) {
    const value = env[setting.env];
    if (value !== undefined && value !== '') {
      merged[name] = value;
      sourceOf.set(name, 'env');
    }
  }
  for (const [name, value] of Object.entries(sources.flags ?? {})) {
    if (value !== undefined) {
      merged[name] = value;
      sourceOf.set(name, 'flag');
    }
  }

  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => formatIssue(issue, sourceOf, file));
    throw new EnsembleError(ErrorCode.Config, `invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

export type { Config };

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { compareStrings } from '../normalize/text.js';
import type { CommercialRecord, OfficialRecord, Reject } from '../types.js';
import { BrandResolver } from './brands.js';
import { importCommercial } from './commercial.js';
import { parseSourcesConfig, type SourcesConfig } from './config.js';
import { type BrandSource, fileBrandSource } from './official.js';

export const SOURCES_FILE = 'sources.json';

export interface LoadedSources {
  config: SourcesConfig;
  commercial: CommercialRecord[];
  official: OfficialRecord[];
  rejects: Reject[];
}

export function readSourcesConfig(dir: string): SourcesConfig {
  const path = join(dir, SOURCES_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EnsembleError(ErrorCode.Config, `no ${SOURCES_FILE} in ${dir}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EnsembleError(ErrorCode.Config, `${SOURCES_FILE}: invalid JSON: ${(error as Error).message}`);
  }
  return parseSourcesConfig(json, SOURCES_FILE);
}

/** Loads every source listed in `<dir>/sources.json`; `extraSources` adds non-file brand sources. */
export function loadSources(dir: string, extraSources: readonly BrandSource[] = []): LoadedSources {
  const config = readSourcesConfig(dir);
  const brandSources = [...config.brands.map((b) => fileBrandSource(dir, b)), ...extraSources];
  const resolver = new BrandResolver(brandSources);
  const rejects: Reject[] = [];
  const commercial: CommercialRecord[] = [];
  const seen = new Set<string>();
  for (const source of config.commercial) {
    const result = importCommercial(dir, source, resolver, seen);
    commercial.push(...result.records);
    rejects.push(...result.rejects);
  }
  const official: OfficialRecord[] = [];
  for (const source of brandSources) {
    const result = source.load();
    official.push(...result.records);
    rejects.push(...result.rejects);
  }
  rejects.sort(
    (a, b) => compareStrings(a.file, b.file) || a.line - b.line || compareStrings(a.reason, b.reason),
  );
  return { config, commercial, official, rejects };
}

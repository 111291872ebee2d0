import type { Manual, OfficialRecord } from '../types.js';
import type { Imported } from './commercial.js';
import { type BrandSourceConfig, DEFAULT_OFFICIAL_FIELDS } from './config.js';
import { type RawRecord, readTable } from './read-table.js';
import { asText } from './values.js';

/**
 * One brand's official data. File-based brands need only a config entry (see {@link fileBrandSource});
 * other kinds of source (an API client, a scraper's dump) implement this interface.
 */
export interface BrandSource {
  readonly brand: string;
  readonly aliases: readonly string[];
  load(): Imported<OfficialRecord>;
}

/** A brand source backed by a CSV/JSON/JSONL file described in the sources config. */
export function fileBrandSource(baseDir: string, config: BrandSourceConfig): BrandSource {
  return {
    brand: config.brand,
    aliases: config.aliases,
    load: () => importOfficial(baseDir, config),
  };
}

export function importOfficial(baseDir: string, config: BrandSourceConfig): Imported<OfficialRecord> {
  const fields = { ...DEFAULT_OFFICIAL_FIELDS, ...(config.fields ?? {}) };
  const { records: raw, rejects } = readTable(baseDir, config);
  const records: OfficialRecord[] = [];
  for (const row of raw) {
    const model = asText(field(row, fields.model));
    if (model === '') {
      rejects.push({ file: config.file, line: row.line, reason: 'missing model name', raw: row.raw });
      continue;
    }
    records.push({
      brand: config.brand,
      model,
      name: asText(field(row, fields.name)) || model,
      manuals: manuals(field(row, fields.manuals)),
      gallery: stringList(field(row, fields.gallery)),
      specs: specs(field(row, fields.specs)),
      source: { file: config.file, line: row.line },
    });
  }
  return { records, rejects };
}

function field(row: RawRecord, name: string): unknown {
  return row.value[name] ?? row.value[name.toLowerCase()];
}

/** A list given as a JSON array or, in CSV, as `|`-separated text. */
function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(asText).filter((s) => s !== '');
  return asText(value)
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function manuals(value: unknown): Manual[] {
  if (!Array.isArray(value)) return stringList(value).map((url) => ({ title: titleFromUrl(url), url }));
  const out: Manual[] = [];
  for (const item of value) {
    if (typeof item === 'string' && item.trim() !== '')
      out.push({ title: titleFromUrl(item), url: item.trim() });
    else if (item !== null && typeof item === 'object') {
      const rec = item as Record<string, unknown>;
      const url = asText(rec.url);
      if (url === '') continue;
      const manual: Manual = { title: asText(rec.title) || titleFromUrl(url), url };
      const language = asText(rec.language);
      if (language !== '') manual.language = language;
      out.push(manual);
    }
  }
  return out;
}

function titleFromUrl(url: string): string {
  return url.split('/').pop() ?? url;
}

/** Specs as an object of scalars, or in CSV as `key=value;key=value`. Keys are sorted. */
function specs(value: unknown): Record<string, string> {
  const entries: [string, string][] = [];
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const text = asText(v);
      if (text !== '') entries.push([k, text]);
    }
  } else {
    for (const part of asText(value).split(';')) {
      const at = part.indexOf('=');
      if (at > 0) entries.push([part.slice(0, at).trim(), part.slice(at + 1).trim()]);
    }
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(entries);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { Reject } from '../types.js';
import { formatOf, type SourceFormat } from './config.js';
import { parseCsv } from './csv.js';
import { decodeBuffer } from './decode.js';
import { parseJsonArray, parseJsonLines } from './json.js';

/** One raw record of any source file: fields by lower-cased name (CSV) or the JSON value. */
export interface RawRecord {
  line: number;
  raw: string;
  value: Record<string, unknown>;
}

export interface TableSpec {
  file: string;
  format?: SourceFormat | undefined;
  encoding?: string | undefined;
  delimiter?: string | undefined;
}

/**
 * Reads one source file (CSV, JSON or JSON lines) relative to `baseDir`. Unreadable rows (bad encoding,
 * wrong column count, invalid JSON line, non-object JSON) become rejects; the rest are returned.
 * A missing file is fatal.
 */
export function readTable(baseDir: string, spec: TableSpec): { records: RawRecord[]; rejects: Reject[] } {
  const path = join(baseDir, spec.file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new EnsembleError(ErrorCode.BadRequest, `cannot read source file ${spec.file}`, { cause: error });
  }
  const decoded = decodeBuffer(bytes, spec.encoding);
  const bad = new Set(decoded.badLines);
  const format = formatOf(spec.file, spec.format);
  const rejects: Reject[] = [];
  const records: RawRecord[] = [];
  if (format === 'csv') {
    const table = parseCsv(decoded.text, spec.delimiter);
    for (const e of table.errors)
      rejects.push({ file: spec.file, line: e.line, reason: e.message, raw: e.raw });
    for (const row of table.rows) {
      records.push({ line: row.line, raw: row.raw, value: row.fields });
    }
  } else {
    const parsed =
      format === 'jsonl' ? parseJsonLines(decoded.text) : parseJsonArray(decoded.text, spec.file);
    for (const e of parsed.errors)
      rejects.push({ file: spec.file, line: e.line, reason: e.message, raw: e.raw });
    for (const row of parsed.rows) {
      if (row.value === null || typeof row.value !== 'object' || Array.isArray(row.value)) {
        rejects.push({
          file: spec.file,
          line: row.line,
          reason: 'record is not a JSON object',
          raw: row.raw,
        });
        continue;
      }
      records.push({ line: row.line, raw: row.raw, value: row.value as Record<string, unknown> });
    }
  }
  // Rows on lines with undecodable bytes are rejected whatever their content.
  const kept: RawRecord[] = [];
  for (const r of records) {
    const span = r.raw.split('\n').length;
    let broken = false;
    for (let l = r.line; l < r.line + span; l++) if (bad.has(l)) broken = true;
    if (broken) {
      rejects.push({
        file: spec.file,
        line: r.line,
        reason: `invalid ${decoded.encoding} bytes (wrong encoding)`,
        raw: r.raw,
      });
    } else kept.push(r);
  }
  return { records: kept, rejects };
}

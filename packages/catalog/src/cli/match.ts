import { readFileSync, writeFileSync } from 'node:fs';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { MatchRecord } from '../match/features.js';
import { defaultMatcherModel, parseMatcherModel } from '../match/learned.js';
import { DEFAULT_MATCHER_OPTIONS, type MatcherOptions, matchRecords } from '../match/matcher.js';
import { parseCsv } from '../sources/csv.js';
import { decodeBuffer } from '../sources/decode.js';
import { parsePrice } from '../sources/values.js';
import { type CliIo, EXIT_OK, reportError } from './io.js';

export interface MatchArgs {
  left: string;
  right: string;
  out: string;
  /** Forces the encoding of both files (default: detected). */
  encoding?: string | undefined;
  /** Overrides the model's probability threshold (or the hand-set score threshold with `legacy`). */
  threshold?: number | undefined;
  /** A pair-model JSON file instead of the shipped `rules/matcher-model.json`. */
  model?: string | undefined;
  /** Use the hand-set weighted score of `match/score.ts` instead of the learned model. */
  legacy?: boolean | undefined;
}

function matcherOptions(args: MatchArgs): Partial<MatcherOptions> {
  if (args.legacy) return { threshold: args.threshold ?? DEFAULT_MATCHER_OPTIONS.threshold };
  const model = args.model
    ? parseMatcherModel(JSON.parse(readFileSync(args.model, 'utf8')), args.model)
    : defaultMatcherModel();
  return { model, threshold: args.threshold ?? model.threshold };
}

/**
 * Reads a CSV with columns id, name or title, description, manufacturer or brand, price (any order,
 * case-insensitive; only id and name/title are required).
 */
export function readMatchCsv(file: string, encoding?: string): { records: MatchRecord[]; encoding: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new EnsembleError(ErrorCode.BadRequest, `cannot read ${file}`, { cause: error });
  }
  const decoded = decodeBuffer(bytes, encoding);
  const table = parseCsv(decoded.text);
  const first = table.rows[0]?.fields ?? {};
  const nameColumn = 'name' in first ? 'name' : 'title';
  if (table.rows.length > 0 && (!('id' in first) || !(nameColumn in first))) {
    throw new EnsembleError(ErrorCode.BadRequest, `${file}: needs columns "id" and "name" or "title"`);
  }
  const records = table.rows.map(({ fields }) => ({
    id: fields.id ?? '',
    name: fields[nameColumn] ?? '',
    description: fields.description,
    brand: fields.manufacturer ?? fields.brand,
    price: parsePrice(fields.price),
  }));
  return { records, encoding: decoded.encoding };
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** `ensemble catalog match --left a.csv --right b.csv --out pairs.csv`: the matcher alone. */
export function runMatch(args: MatchArgs, io: CliIo): number {
  try {
    const left = readMatchCsv(args.left, args.encoding);
    const right = readMatchCsv(args.right, args.encoding);
    io.stderr.write(
      `left ${left.records.length} records (${left.encoding}), right ${right.records.length} records (${right.encoding})\n`,
    );
    const result = matchRecords(left.records, right.records, matcherOptions(args));
    const lines = [
      'left_id,right_id,score',
      ...result.pairs.map((p) => `${csvCell(p.leftId)},${csvCell(p.rightId)},${p.score.toFixed(4)}`),
    ];
    writeFileSync(args.out, `${lines.join('\n')}\n`);
    io.stdout.write(
      `${result.pairs.length} pairs written to ${args.out} (${result.unmatchedLeft.length} left and ${result.unmatchedRight.length} right records unmatched, ${result.comparisons} comparisons)\n`,
    );
    return EXIT_OK;
  } catch (error) {
    return reportError(io, error);
  }
}

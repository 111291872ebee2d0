import { parse } from 'csv-parse/sync';

export interface SourceRow {
  /** 1-based line in the file where the row starts. */
  line: number;
  fields: Record<string, string>;
  /** The row's text as in the file (without the trailing newline). */
  raw: string;
}

export interface ParsedTable {
  rows: SourceRow[];
  /** Rows the parser could not read (wrong column count, unclosed quote), with the line and reason. */
  errors: { line: number; message: string; raw: string }[];
}

/**
 * Parses CSV text with a header row. Column names are trimmed and lower-cased. The delimiter is
 * auto-detected between `,`, `;` and tab from the header line. Malformed rows are returned in
 * `errors` instead of aborting the file.
 */
export function parseCsv(text: string, delimiter?: string): ParsedTable {
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const delim = delimiter ?? detectDelimiter(firstLine);
  const records = parse(text, {
    delimiter: delim,
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    relax_quotes: true,
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [] };
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const rows: SourceRow[] = [];
  const errors: ParsedTable['errors'] = [];
  for (const entry of body) {
    const rawText = entry.raw.replace(/\r?\n$/, '');
    const line = entry.info.lines - (rawText.match(/\n/g)?.length ?? 0);
    if (entry.record.length !== columns.length) {
      errors.push({
        line,
        message: `expected ${columns.length} columns, found ${entry.record.length}`,
        raw: rawText,
      });
      continue;
    }
    const fields: Record<string, string> = {};
    columns.forEach((c, i) => {
      fields[c] = entry.record[i] ?? '';
    });
    rows.push({ line, fields, raw: rawText });
  }
  return { rows, errors };
}

function detectDelimiter(line: string): string {
  const counts: [string, number][] = [',', ';', '\t'].map((d) => [d, line.split(d).length - 1]);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

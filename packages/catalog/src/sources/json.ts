import { EnsembleError, ErrorCode } from '@ensemble/protocol';

export interface JsonRow {
  line: number;
  value: unknown;
  raw: string;
}

export interface ParsedJson {
  rows: JsonRow[];
  errors: { line: number; message: string; raw: string }[];
}

/** JSON lines: one object per line; a bad line is an error for that line only. Blank lines are skipped. */
export function parseJsonLines(text: string): ParsedJson {
  const rows: JsonRow[] = [];
  const errors: ParsedJson['errors'] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    if (raw.trim() === '') continue;
    try {
      rows.push({ line: i + 1, value: JSON.parse(raw), raw });
    } catch (error) {
      errors.push({ line: i + 1, message: `invalid JSON: ${(error as Error).message}`, raw });
    }
  }
  return { rows, errors };
}

/**
 * A JSON document holding an array of records (or `{ "products": [...] }`). Each element is returned
 * with the line its value starts on. A syntax error makes the whole file unreadable: that is fatal
 * (the caller cannot tell valid rows from broken ones), so it throws ENSEMBLE_BAD_REQUEST.
 */
export function parseJsonArray(text: string, file: string): ParsedJson {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new EnsembleError(ErrorCode.BadRequest, `${file}: invalid JSON: ${(error as Error).message}`);
  }
  const arrayKey = Array.isArray(doc) ? null : 'products';
  const items = Array.isArray(doc)
    ? doc
    : doc !== null && typeof doc === 'object' && Array.isArray((doc as Record<string, unknown>).products)
      ? ((doc as Record<string, unknown>).products as unknown[])
      : null;
  if (!items) {
    throw new EnsembleError(ErrorCode.BadRequest, `${file}: expected an array or {"products": [...]}`);
  }
  const starts = elementLines(text, arrayKey);
  return {
    rows: items.map((value, i) => ({ line: starts[i] ?? 1, value, raw: JSON.stringify(value) })),
    errors: [],
  };
}

/** Line numbers where the elements of the record array start (string-aware bracket scan). */
function elementLines(text: string, key: string | null): number[] {
  let start = 0;
  if (key !== null) {
    const at = text.indexOf(`"${key}"`);
    start = at < 0 ? 0 : at;
  }
  const lines: number[] = [];
  let line = 1;
  for (let i = 0; i < start; i++) if (text.charCodeAt(i) === 10) line++;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectValue && c.trim() !== '' && c !== ',' && c !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1 && c === '[') expectValue = true;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth <= 0 && lines.length > 0) break;
    } else if (c === ',' && depth === 1) expectValue = true;
  }
  return lines;
}

import { compareStrings, foldText, hasDigit, romanMark, splitAlnum } from '../normalize/text.js';

/** One record as the matcher sees it; both the catalog merge and `catalog match` map their rows to this. */
export interface MatchRecord {
  id: string;
  name: string;
  description?: string | undefined;
  brand?: string | undefined;
  price?: number | undefined;
}

/** A record reduced to the features the scorer compares. */
export interface PreparedRecord {
  id: string;
  brand: string;
  /** Name tokens (letter/digit parts, leading zeros stripped) with the brand's tokens removed. */
  tokens: string[];
  /** Adjacent-token joins (`image manager` → `imagemanager`, `fantom 6` → `fantom6`). */
  joins: string[];
  /** Numbers in the name (versions, model numbers), brand-stripped. */
  numbers: string[];
  /** Compact model codes: a letter run directly followed by a number in the source text (`fa06` → `fa6`). */
  codes: string[];
  description: string[];
  price: number | undefined;
  /** Lowercase folded name without the brand, for character n-grams. */
  compact: string;
  /**
   * Part numbers / SKUs written in the name (`( 910620-000 )`, `t74-01215`, `blapdskapoem30`): whole words
   * with at least 5 characters and 3 digits once `-`, `.`, `/`, `=` are removed. Unlike `codes` (which come
   * from the folded, split tokens) they keep the exact spelling, so equality is strong evidence.
   */
  partNumbers: string[];
}

const EMPTY: string[] = [];

/** Tokens of a brand string; `Roland Corporation` → `['roland']` once corporate suffixes are dropped. */
export function brandKey(brand: string | undefined): string {
  if (!brand) return '';
  const toks = foldText(brand)
    .split(' ')
    .filter((t) => t !== '' && !CORPORATE.has(t));
  return toks.join(' ');
}

const CORPORATE = new Set([
  'inc',
  'corp',
  'corporation',
  'co',
  'ltd',
  'llc',
  'gmbh',
  'srl',
  'spa',
  'software',
  'company',
  'international',
  'the',
]);

function stripBrand(parts: string[], brand: string): string[] {
  if (brand === '') return parts;
  const brandParts = brand.split(' ');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let hit = true;
    for (let j = 0; j < brandParts.length; j++) {
      if (parts[i + j] !== brandParts[j]) {
        hit = false;
        break;
      }
    }
    if (hit) {
      i += brandParts.length - 1;
      // `punch software 25100 …`, `sony media software …`: the maker's corporate suffix goes with it.
      while (i + 1 < parts.length && CORPORATE.has(parts[i + 1]!)) i++;
      continue;
    }
    out.push(parts[i]!);
  }
  return out;
}

/** Turns a record into comparable features. `brandOverride` lets callers supply a detected brand. */
export function prepareRecord(record: MatchRecord, maxDescriptionTokens = 30): PreparedRecord {
  const brand = brandKey(record.brand);
  const folded = foldText(record.name);
  const rawWords = folded === '' ? EMPTY : folded.split(' ');
  const parts: string[] = [];
  const codes: string[] = [];
  for (const word of rawWords) {
    if (hasDigit(word)) {
      const split = splitAlnum(word);
      for (const p of split) parts.push(p);
      if (split.length >= 2) codes.push(split.join(''));
    } else {
      const marked = romanMark(word);
      for (const p of marked) parts.push(p);
      if (marked.length === 2) codes.push(marked.join(''));
    }
  }
  const tokens = stripBrand(parts, brand);
  const joins: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) joins.push(tokens[i]! + tokens[i + 1]!);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (/^[a-z]+$/.test(a) && /^[0-9]+$/.test(b)) codes.push(a + b);
  }
  const numbers = tokens.filter((t) => /^[0-9]+$/.test(t));
  const description = record.description
    ? foldText(record.description).split(' ').slice(0, maxDescriptionTokens)
    : EMPTY;
  return {
    id: record.id,
    brand,
    tokens,
    joins,
    numbers: uniqueSorted(numbers),
    codes: uniqueSorted(codes),
    description: description.filter((t) => t !== ''),
    price:
      record.price !== undefined && Number.isFinite(record.price) && record.price > 0
        ? record.price
        : undefined,
    compact: tokens.join(' '),
    partNumbers: partNumbers(record.name),
  };
}

/** See {@link PreparedRecord.partNumbers}. */
export function partNumbers(name: string): string[] {
  const out: string[] = [];
  for (const raw of name.toLowerCase().split(/[\s,;:()[\]{}"'+|]+/)) {
    const word = raw.replace(/[-./=#]/g, '');
    if (word.length < 5 || !/^[a-z0-9]+$/.test(word)) continue;
    let digits = 0;
    for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 48 && word.charCodeAt(i) <= 57) digits++;
    if (digits >= 3) out.push(word);
  }
  return uniqueSorted(out);
}

/**
 * Brand inference for records without one (most Google Products rows have no manufacturer, but their
 * names start with it: `adobe 22011152 audition2`, `punch software 25100 punch! …`). `known` holds the
 * brand keys seen on either side; the longest key that equals the first one to three name words wins.
 * Only a leading brand counts — `premiere pro with encore cs3` is not an Encore product.
 */
export function inferBrand(name: string, known: ReadonlySet<string>): string {
  const folded = foldText(name).split(' ');
  for (let n = Math.min(3, folded.length); n >= 1; n--) {
    const key = brandKey(folded.slice(0, n).join(' '));
    if (key !== '' && known.has(key)) return key;
  }
  return '';
}

/** Fills in missing brands with {@link inferBrand} from the brands the records do carry. */
export function withInferredBrands(records: readonly MatchRecord[]): MatchRecord[] {
  const known = new Set<string>();
  for (const r of records) {
    const key = brandKey(r.brand);
    if (key !== '') known.add(key);
  }
  return records.map((r) => {
    if (brandKey(r.brand) !== '') return r;
    const brand = inferBrand(r.name, known);
    return brand === '' ? r : { ...r, brand };
  });
}

export function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort(compareStrings);
}

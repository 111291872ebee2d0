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
  };
}

export function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort(compareStrings);
}

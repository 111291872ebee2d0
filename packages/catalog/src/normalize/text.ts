/**
 * Text normalisation shared by the matcher, the category rules and the relationship engine.
 * Everything here is pure and locale-independent (no `toLocaleLowerCase`), so output is stable.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ALNUM = /[^a-z0-9]+/g;

/** Lower-cases, folds accents to ASCII (é → e, ß → ss) and collapses everything else to single spaces. */
export function foldText(input: string): string {
  return input
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/&/g, ' and ')
    .replace(NON_ALNUM, ' ')
    .trim();
}

/** Alphanumeric word tokens of `input` after {@link foldText}. */
export function words(input: string): string[] {
  const folded = foldText(input);
  return folded === '' ? [] : folded.split(' ');
}

/** True when the token contains at least one digit (model numbers, versions, sizes). */
export function hasDigit(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * Splits a token at letter/digit boundaries and strips leading zeros from numbers:
 * `fantom06` → `['fantom', '6']`, `a1` → `['a', '1']`, `td17kvx` → `['td', '17', 'kvx']`.
 */
export function splitAlnum(token: string): string[] {
  const parts = token.match(/[a-z]+|[0-9]+/g) ?? [];
  const out: string[] = [];
  for (const part of parts) {
    if (/^[0-9]+$/.test(part)) out.push(stripZeros(part));
    else out.push(...romanMark(part));
  }
  return out;
}

const ROMAN: Record<string, string> = { ii: '2', iii: '3', iv: '4', v: '5', vi: '6', vii: '7' };

/**
 * Generation marks written in Roman numerals: `mkii` → `mk 2`, `mkv` → `mk 5`; a standalone `ii`,
 * `iii` or `iv` → the number (`Cube Street II` = `Cube Street 2`). A lone `v` stays (V-Drums).
 */
export function romanMark(word: string): string[] {
  const mk = /^mk(i{1,3}|iv|v|vi{1,2})$/.exec(word);
  if (mk) return ['mk', ROMAN[mk[1]!] ?? '1'];
  if (word === 'ii' || word === 'iii' || word === 'iv') return [ROMAN[word]!];
  return [word];
}

function stripZeros(digits: string): string {
  const stripped = digits.replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}

/** Compares strings by UTF-16 code units: the one comparator used for every sort in the package. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Parses a price as written in retail feeds: `1299`, `1,299.00`, `1.299,00`, `€ 12,99`, `12.99 EUR`.
 * Returns undefined when the text is not a non-negative amount.
 */
export function parsePrice(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  let s = text
    .trim()
    .replace(/^(eur|usd|gbp|chf)\s*/i, '')
    .replace(/\s*(eur|usd|gbp|chf)$/i, '');
  s = s.replace(/[€$£\s\u00a0]/g, '');
  if (!/^[0-9][0-9.,]*$/.test(s)) return undefined;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // The later separator is the decimal one.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    const decimals = s.length - lastComma - 1;
    s = decimals === 3 && s.indexOf(',') === lastComma ? s.replace(',', '') : s.replace(/,/g, '.');
  }
  if (!/^[0-9]+(\.[0-9]+)?$/.test(s)) return undefined;
  const value = Number(s);
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : undefined;
}

/** Parses a stock quantity: an integer ≥ 0; empty means 0. */
export function parseStock(text: string | undefined): number | undefined {
  const s = (text ?? '').trim();
  if (s === '') return 0;
  if (!/^[0-9]+$/.test(s)) return undefined;
  return Number(s);
}

/** Normalises a value from a JSON record to a trimmed string (numbers allowed). */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

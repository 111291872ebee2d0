import { compareStrings, hasDigit } from '../normalize/text.js';

/** A sparse L2-normalised vector as parallel sorted arrays (fast merge-join dot products). */
export interface SparseVector {
  keys: string[];
  values: Float64Array;
}

/** Document frequencies over a corpus of token bags. */
export function documentFrequencies(docs: Iterable<Iterable<string>>): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of docs) {
    for (const token of new Set(doc)) df.set(token, (df.get(token) ?? 0) + 1);
  }
  return df;
}

/** Smoothed inverse document frequency. */
export function idf(df: Map<string, number>, docCount: number, token: string): number {
  return Math.log((docCount + 1) / ((df.get(token) ?? 0) + 1)) + 1;
}

/** Builds an L2-normalised TF-IDF vector from weighted token occurrences. */
export function tfidfVector(
  weighted: Iterable<[string, number]>,
  df: Map<string, number>,
  docCount: number,
): SparseVector {
  const tf = new Map<string, number>();
  for (const [token, weight] of weighted) tf.set(token, (tf.get(token) ?? 0) + weight);
  const keys = [...tf.keys()].sort(compareStrings);
  const values = new Float64Array(keys.length);
  let norm = 0;
  for (let i = 0; i < keys.length; i++) {
    const v = tf.get(keys[i]!)! * idf(df, docCount, keys[i]!);
    values[i] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < values.length; i++) values[i]! /= norm;
  return { keys, values };
}

/** Cosine of two normalised sparse vectors. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.keys.length && j < b.keys.length) {
    const ka = a.keys[i]!;
    const kb = b.keys[j]!;
    if (ka === kb) {
      sum += a.values[i]! * b.values[j]!;
      i++;
      j++;
    } else if (ka < kb) i++;
    else j++;
  }
  return sum;
}

/** Character trigram counts of a string padded with spaces; used for typo-tolerant name similarity. */
export function trigrams(text: string): Map<string, number> {
  const padded = ` ${text} `;
  const grams = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Cosine similarity of two count maps. */
export function countCosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Share of the shorter vector's squared mass on keys the other vector also has (0..1). */
export function containment(a: SparseVector, b: SparseVector): number {
  const [short, long] = a.keys.length <= b.keys.length ? [a, b] : [b, a];
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < short.keys.length && j < long.keys.length) {
    const ks = short.keys[i]!;
    const kl = long.keys[j]!;
    if (ks === kl) {
      sum += short.values[i]! * short.values[i]!;
      i++;
      j++;
    } else if (ks < kl) i++;
    else j++;
  }
  return sum;
}

/**
 * Similarity of two name tokens for the soft TF-IDF: 1 when equal, 0.9 when one is an abbreviation
 * (a prefix of at least 3 letters: `immers` / `immersion`, `dlx` is not), 0.8 for one edit between tokens
 * of 5+ characters (`architectura` / `architectural` is a prefix already; `scrapbok` / `scrapbook`), else 0.
 * Numbers only match exactly (`2005` vs `2007` is a different product).
 */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (hasDigit(a) || hasDigit(b)) return 0;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  if (s.length >= 3 && l.startsWith(s)) return 0.9;
  if (s.length >= 5 && l.length - s.length <= 1 && withinOneEdit(s, l)) return 0.8;
  return 0;
}

/** True when `l` (length ≥ `s`) is `s` with at most one substitution or insertion. */
function withinOneEdit(s: string, l: string): boolean {
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < s.length && j < l.length) {
    if (s[i] === l[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (s.length === l.length) i++;
    j++;
  }
  return edits + (l.length - j) + (s.length - i) <= 1;
}

/**
 * Soft TF-IDF (Cohen, Ravikumar & Fienberg 2003) of two normalised vectors, symmetrised: every key of one
 * side is paired with its most similar key of the other ({@link tokenSimilarity}); the products of weights
 * and similarity are summed, and the two directions averaged. Equals the cosine when all matches are exact.
 */
export function softCosine(a: SparseVector, b: SparseVector): number {
  return (softDirected(a, b).sum + softDirected(b, a).sum) / 2;
}

/**
 * Per direction: the soft TF-IDF sum and the largest weight of a key of `a` that has no similar key in
 * `b` at all (`spanish` in `spanish advantage 2007` vs `high school advantage 2007`): one important word
 * the other name lacks is strong evidence of a different product, even when the rest agrees.
 */
export function softDirected(a: SparseVector, b: SparseVector): { sum: number; unmatched: number } {
  let unmatched = 0;
  let sum = 0;
  for (let i = 0; i < a.keys.length; i++) {
    const ka = a.keys[i]!;
    let best = 0;
    let weight = 0;
    for (let j = 0; j < b.keys.length; j++) {
      const sim = tokenSimilarity(ka, b.keys[j]!);
      if (sim > best || (sim === best && sim > 0 && b.values[j]! > weight)) {
        best = sim;
        weight = b.values[j]!;
        if (sim === 1) break;
      }
    }
    sum += a.values[i]! * weight * best;
    if (best === 0 && a.values[i]! > unmatched) unmatched = a.values[i]!;
  }
  return { sum: Math.min(1, sum), unmatched };
}

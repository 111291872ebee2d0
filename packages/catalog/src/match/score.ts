import type { PreparedRecord } from './features.js';
import { countCosine } from './vectors.js';

/** Weights of the pair score; the defaults are documented in docs/catalog.md. */
export interface ScoreWeights {
  /** Weight of joined adjacent tokens relative to single tokens in the name vector. */
  joinWeight: number;
  nameCosine: number;
  trigramCosine: number;
  descCosine: number;
  /**
   * Weight of containment: the share of the shorter name's TF-IDF mass found in the other name
   * (`RYDEEN` inside `Yamaha Rydeen Acoustic Drum Kit` = 1). Useful when one side is a bare model name.
   */
  containment: number;
  /** Added when both names share a compact model code (`fantom6`, `cs3`). */
  codeBonus: number;
  /** Subtracted when both names carry numbers and none agree (`Lead A1` vs `Lead 4`). */
  numberConflict: number;
  /** Subtracted when the prices differ by more than `priceRatio` (min/max below it). */
  pricePenalty: number;
  priceRatio: number;
}

export const DEFAULT_WEIGHTS: ScoreWeights = {
  joinWeight: 0.5,
  nameCosine: 0.6,
  trigramCosine: 0.3,
  descCosine: 0.1,
  containment: 0,
  codeBonus: 0.15,
  numberConflict: 0.3,
  pricePenalty: 0.3,
  priceRatio: 0.5,
};

export interface PairFeatures {
  a: PreparedRecord;
  b: PreparedRecord;
  nameCosine: number;
  gramsA: Map<string, number>;
  gramsB: Map<string, number>;
  descCosine: number;
  containment: number;
  /**
   * Soft TF-IDF of the names ({@link softCosine}); only computed for the learned model (`withSoft`),
   * 0 otherwise — the hand-set score does not use it.
   */
  softCosine: number;
  /** The smaller of the two directed soft TF-IDF sums (how much of the worse-covered name the other explains). */
  softMin: number;
  /** Largest TF-IDF weight of a name word without any similar word on the other side, per side (0 without `withSoft`). */
  unmatchedA: number;
  unmatchedB: number;
}

function overlap(a: string[], b: string[]): number {
  let n = 0;
  const set = new Set(b);
  for (const x of a) if (set.has(x)) n++;
  return n;
}

/** Combined similarity in [0, ~1.15]; see docs/catalog.md for the rationale of each term. */
export function pairScore(f: PairFeatures, w: ScoreWeights): number {
  let score = w.nameCosine * f.nameCosine + w.trigramCosine * countCosine(f.gramsA, f.gramsB);
  score += w.descCosine * f.descCosine + w.containment * f.containment;
  if (f.a.codes.length > 0 && overlap(f.a.codes, f.b.codes) > 0) score += w.codeBonus;
  if (f.a.numbers.length > 0 && f.b.numbers.length > 0 && overlap(f.a.numbers, f.b.numbers) === 0) {
    score -= w.numberConflict;
  }
  if (f.a.price !== undefined && f.b.price !== undefined) {
    const ratio = Math.min(f.a.price, f.b.price) / Math.max(f.a.price, f.b.price);
    if (ratio < w.priceRatio) score -= w.pricePenalty;
  }
  return score;
}

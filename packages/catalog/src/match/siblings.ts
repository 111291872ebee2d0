import { compareStrings } from '../normalize/text.js';
import type { MatchPair, Side } from './matcher.js';
import { containment, cosine, countCosine, softCosine, trigrams } from './vectors.js';

/**
 * Two-stage assignment for data where one left record can have several right records (the same product
 * listed twice on the right: `punch software 25100 punch! master landscape…` and `punch software 25100 -
 * punch! master landscape & home design - architectural - 1 user(s) - pc`).
 *
 * Stage 1 is a strict 1:1 greedy assignment by the pair model's probability. Stage 2 ("siblings") lets a
 * still-unmatched right record R′ join a left record L that stage 1 matched to R*. Whether R′ is another
 * listing of L's product depends less on L–R′ similarity than on R′ being a near-duplicate of R* — so a
 * second small logistic model scores R′ against both L and R*, with the features below.
 */
export const SIBLING_FEATURE_NAMES = [
  'probability',
  'starProbability',
  'probabilityRatio',
  'siblingNameCosine',
  'siblingSoftCosine',
  'siblingTrigramCosine',
  'siblingContainment',
  'siblingPartShared',
  'siblingPriceLogRatio',
  'siblingPriceMissing',
  'probabilityTimesSibling',
] as const;

/** A candidate pair with its stage-1 probability (indexes into the prepared left/right lists). */
export interface ProbabilityRow {
  li: number;
  ri: number;
  p: number;
}

function overlaps(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const set = new Set(b);
  return a.some((x) => set.has(x));
}

/** Features of "R′ (row) is another listing of the product L was matched to with R* (star)". */
export function siblingFeatures(R: Side, row: ProbabilityRow, star: ProbabilityRow): number[] {
  const a = R.prepared[row.ri]!;
  const b = R.prepared[star.ri]!;
  const va = R.vectors[row.ri]!;
  const vb = R.vectors[star.ri]!;
  const name = cosine(va, vb);
  const priced = a.price !== undefined && b.price !== undefined;
  return [
    row.p,
    star.p,
    row.p / Math.max(star.p, 1e-6),
    name,
    softCosine(va, vb),
    countCosine(trigrams(a.compact), trigrams(b.compact)),
    containment(va, vb),
    overlaps(a.partNumbers, b.partNumbers) ? 1 : 0,
    priced ? Math.min(3, Math.abs(Math.log(a.price! / b.price!))) : 0,
    priced ? 0 : 1,
    row.p * name,
  ];
}

const byScore = (ids: { left: string[]; right: string[] }) => (x: ProbabilityRow, y: ProbabilityRow) =>
  y.p - x.p ||
  compareStrings(ids.left[x.li]!, ids.left[y.li]!) ||
  compareStrings(ids.right[x.ri]!, ids.right[y.ri]!);

export interface TwoStageResult {
  /** Stage-1 pairs (1:1). */
  first: ProbabilityRow[];
  /** Stage-2 pairs with the sibling score, in acceptance order. */
  siblings: { row: ProbabilityRow; star: ProbabilityRow; q: number }[];
}

/**
 * Stage 1: greedy 1:1 over rows with `accept(row)`, by descending probability (ties by ids). Stage 2: rows
 * whose right record is still free and whose left record is matched; `sibling(row, star)` returns the
 * sibling probability or `undefined` to refuse. Accepted in descending stage-1 probability order; a right
 * record joins at most one left record.
 */
export function assignTwoStage(
  rows: readonly ProbabilityRow[],
  ids: { left: string[]; right: string[] },
  accept: (row: ProbabilityRow) => boolean,
  sibling: ((row: ProbabilityRow, star: ProbabilityRow) => number | undefined) | undefined,
): TwoStageResult {
  const sorted = rows.filter(accept).sort(byScore(ids));
  const starOf = new Map<number, ProbabilityRow>();
  const usedR = new Set<number>();
  const first: ProbabilityRow[] = [];
  for (const row of sorted) {
    if (starOf.has(row.li) || usedR.has(row.ri)) continue;
    starOf.set(row.li, row);
    usedR.add(row.ri);
    first.push(row);
  }
  const siblings: TwoStageResult['siblings'] = [];
  if (sibling) {
    for (const row of sorted) {
      const star = starOf.get(row.li);
      if (!star || usedR.has(row.ri)) continue;
      const q = sibling(row, star);
      if (q === undefined) continue;
      usedR.add(row.ri);
      siblings.push({ row, star, q });
    }
  }
  return { first, siblings };
}

/** The pairs of a two-stage result, sorted by ids; a sibling pair reports its stage-1 probability. */
export function twoStagePairs(result: TwoStageResult, ids: { left: string[]; right: string[] }): MatchPair[] {
  const pairs = [...result.first, ...result.siblings.map((s) => s.row)].map((r) => ({
    leftId: ids.left[r.li]!,
    rightId: ids.right[r.ri]!,
    score: r.p,
  }));
  return pairs.sort((x, y) => compareStrings(x.leftId, y.leftId) || compareStrings(x.rightId, y.rightId));
}

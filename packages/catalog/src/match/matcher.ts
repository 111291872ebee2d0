import { compareStrings } from '../normalize/text.js';
import { type MatchRecord, type PreparedRecord, prepareRecord, withInferredBrands } from './features.js';
import {
  type CandidateRow,
  featureVectors,
  type MatcherModel,
  predictMatch,
  predictScorer,
} from './learned.js';
import { DEFAULT_WEIGHTS, type PairFeatures, pairScore, type ScoreWeights } from './score.js';
import { assignTwoStage, siblingFeatures, twoStagePairs } from './siblings.js';
import {
  containment,
  cosine,
  documentFrequencies,
  type SparseVector,
  softDirected,
  tfidfVector,
  trigrams,
} from './vectors.js';

export interface MatcherOptions {
  /** Minimum combined score for a pair to be accepted. */
  threshold: number;
  /** When both sides name a brand and the brands differ, the pair is never a match. */
  brandAware: boolean;
  /** Tokens whose posting list is longer than this are ignored for candidate generation (stop-word-like). */
  maxPosting: number;
  /** Candidates kept per left record after the inverted-index pass. */
  maxCandidates: number;
  /** Only compare records whose brands agree (or one side lacks a brand). Used by the catalog merge. */
  blockByBrand: boolean;
  /**
   * Many-to-one: after the 1:1 pass, a still-unmatched right record may join a left record that is
   * already matched when its score is at least `extraThreshold` (duplicate listings on the right side).
   * `Infinity` keeps the result strictly 1:1.
   */
  extraThreshold: number;
  /** Subtracted when both brands are known and differ, when `brandAware` is false (soft brand check). */
  brandPenalty: number;
  weights: ScoreWeights;
  /**
   * A learned pair model (`rules/matcher-model.json`); when set, a pair's score is the model's match
   * probability instead of the hand-set weighted sum, and `threshold` applies to that probability.
   */
  model?: MatcherModel | undefined;
  /**
   * Records without a brand get one inferred from the leading words of their name when those equal a
   * brand another record carries (`adobe 22011152 audition2` → adobe). Off for the catalog merge, whose
   * records are grouped by a known brand already.
   */
  inferBrands: boolean;
  /** Compute the soft TF-IDF feature (the learned model's input; the hand-set score ignores it). */
  softTfidf: boolean;
}

/** Defaults for two arbitrary product lists (`catalog match`); see docs/catalog.md for how they were set. */
export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = {
  threshold: 0.25,
  brandAware: false,
  maxPosting: 2000,
  maxCandidates: 20,
  blockByBrand: false,
  extraThreshold: 0.7,
  brandPenalty: 0.1,
  weights: DEFAULT_WEIGHTS,
  inferBrands: true,
  softTfidf: true,
};

export interface MatchPair {
  leftId: string;
  rightId: string;
  score: number;
}

export interface MatchResult {
  pairs: MatchPair[];
  /** Ids without an accepted partner, sorted. */
  unmatchedLeft: string[];
  unmatchedRight: string[];
  /** Candidate pairs scored (a measure of blocking effectiveness). */
  comparisons: number;
}

export interface Side {
  prepared: PreparedRecord[];
  vectors: SparseVector[];
  grams: (Map<string, number> | undefined)[];
  desc: SparseVector[];
}

function nameBag(p: PreparedRecord, joinWeight: number): [string, number][] {
  const bag: [string, number][] = p.tokens.map((t) => [t, 1]);
  for (const j of p.joins) bag.push([j, joinWeight]);
  return bag;
}

/**
 * Matches two record lists 1:1: blocking through an inverted index of TF-IDF name tokens (capped posting
 * lists, top-k candidates per record), feature scoring of each candidate pair, then greedy assignment by
 * descending score. Deterministic: ties are broken by ids.
 */
export function matchRecords(
  left: readonly MatchRecord[],
  right: readonly MatchRecord[],
  options: Partial<MatcherOptions> = {},
): MatchResult {
  const opts: MatcherOptions = { ...DEFAULT_MATCHER_OPTIONS, ...options };
  const { lp, rp, rows, comparisons, R } = scoredCandidates(left, right, opts);
  let pairs: MatchPair[];
  if (opts.model) {
    // The learned model scores every candidate (rank features need the full candidate lists).
    const model = opts.model;
    const vectors = featureVectors(rows);
    const scored = rows.map((row, i) => ({ li: row.li, ri: row.ri, p: predictMatch(model, vectors[i]!) }));
    const ids = { left: lp.map((p) => p.id), right: rp.map((p) => p.id) };
    const result = assignTwoStage(
      scored,
      ids,
      (row) => row.p >= opts.threshold,
      (row, star) => {
        const q = predictScorer(model.sibling, siblingFeatures(R, row, star));
        return q >= model.sibling.threshold ? q : undefined;
      },
    );
    pairs = twoStagePairs(result, ids);
  } else {
    const candidates: MatchPair[] = [];
    for (const row of rows) {
      if (row.legacy >= opts.threshold) {
        candidates.push({ leftId: lp[row.li]!.id, rightId: rp[row.ri]!.id, score: row.legacy });
      }
    }
    pairs = assignGreedy(candidates, opts.extraThreshold);
  }
  const matchedLeft = new Set(pairs.map((p) => p.leftId));
  const matchedRight = new Set(pairs.map((p) => p.rightId));
  return {
    pairs,
    unmatchedLeft: lp
      .map((p) => p.id)
      .filter((id) => !matchedLeft.has(id))
      .sort(compareStrings),
    unmatchedRight: rp
      .map((p) => p.id)
      .filter((id) => !matchedRight.has(id))
      .sort(compareStrings),
    comparisons,
  };
}

/** Prepares both sides, indexes the right one and returns the candidate rows (see `collectCandidates`). */
export function scoredCandidates(
  left: readonly MatchRecord[],
  right: readonly MatchRecord[],
  opts: MatcherOptions,
): {
  lp: PreparedRecord[];
  rp: PreparedRecord[];
  rows: CandidateRow[];
  comparisons: number;
  L: Side;
  R: Side;
} {
  const w = opts.weights;
  let l = left;
  let r = right;
  if (opts.inferBrands) {
    const both = withInferredBrands([...left, ...right]);
    l = both.slice(0, left.length);
    r = both.slice(left.length);
  }
  const lp = l.map((x) => prepareRecord(x));
  const rp = r.map((x) => prepareRecord(x));
  const all = [...lp, ...rp];
  const df = documentFrequencies(all.map((p) => [...p.tokens, ...p.joins]));
  const ddf = documentFrequencies(all.map((p) => p.description));
  const n = all.length;
  const side = (prepared: PreparedRecord[]): Side => ({
    prepared,
    vectors: prepared.map((p) => tfidfVector(nameBag(p, w.joinWeight), df, n)),
    grams: prepared.map(() => undefined),
    desc: prepared.map((p) =>
      tfidfVector(
        p.description.map((t): [string, number] => [t, 1]),
        ddf,
        n,
      ),
    ),
  });
  const L = side(lp);
  const R = side(rp);

  // Inverted index over the right side's name vectors.
  const postings = new Map<string, number[]>();
  R.vectors.forEach((v, idx) => {
    for (const key of v.keys) {
      let list = postings.get(key);
      if (!list) {
        list = [];
        postings.set(key, list);
      }
      list.push(idx);
    }
  });

  const { rows, comparisons } = collectCandidates(L, R, postings, opts);
  return { lp, rp, rows, comparisons, L, R };
}

export function brandsCompatible(a: string, b: string): boolean {
  if (a === '' || b === '' || a === b) return true;
  // "boss" vs "boss roland": one brand key contained in the other counts as the same maker.
  return ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `);
}

/**
 * Candidate generation: for each left record, dot products over the right side's posting lists (lists
 * longer than `maxPosting` skipped), the top `maxCandidates` kept and scored with the hand-set score.
 * Without a model, rows under the threshold are dropped at once (keeps the catalog merge lean).
 */
export function collectCandidates(
  L: Side,
  R: Side,
  postings: Map<string, number[]>,
  opts: MatcherOptions,
): { rows: CandidateRow[]; comparisons: number } {
  const rows: CandidateRow[] = [];
  const keepAll = opts.model !== undefined;
  let comparisons = 0;
  const acc = new Map<number, number>();
  const lp = L.prepared;
  const rp = R.prepared;
  for (let li = 0; li < lp.length; li++) {
    const lv = L.vectors[li]!;
    const lrec = lp[li]!;
    acc.clear();
    for (let k = 0; k < lv.keys.length; k++) {
      const list = postings.get(lv.keys[k]!);
      if (!list || list.length > opts.maxPosting) continue;
      const weight = lv.values[k]!;
      for (const ri of list) {
        if (opts.blockByBrand && !brandsCompatible(lrec.brand, rp[ri]!.brand)) continue;
        acc.set(ri, (acc.get(ri) ?? 0) + weight);
      }
    }
    const top = [...acc.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, opts.maxCandidates);
    for (const [ri] of top) {
      comparisons++;
      const rrec = rp[ri]!;
      const compatible = brandsCompatible(lrec.brand, rrec.brand);
      if (opts.brandAware && !compatible) continue;
      const features = pairFeatures(L, li, R, ri, opts.softTfidf);
      let legacy = pairScore(features, opts.weights);
      if (!opts.brandAware && !compatible) legacy -= opts.brandPenalty;
      if (keepAll || legacy >= opts.threshold) {
        rows.push({ li, ri, legacy, features, brandMismatch: !compatible });
      }
    }
  }
  return { rows, comparisons };
}

function gramsOf(side: Side, i: number): Map<string, number> {
  let g = side.grams[i];
  if (!g) {
    g = trigrams(side.prepared[i]!.compact);
    side.grams[i] = g;
  }
  return g;
}

function pairFeatures(L: Side, li: number, R: Side, ri: number, withSoft: boolean): PairFeatures {
  const a = L.prepared[li]!;
  const b = R.prepared[ri]!;
  const ab = withSoft ? softDirected(L.vectors[li]!, R.vectors[ri]!) : { sum: 0, unmatched: 0 };
  const ba = withSoft ? softDirected(R.vectors[ri]!, L.vectors[li]!) : { sum: 0, unmatched: 0 };
  return {
    a,
    b,
    nameCosine: cosine(L.vectors[li]!, R.vectors[ri]!),
    gramsA: gramsOf(L, li),
    gramsB: gramsOf(R, ri),
    descCosine: cosine(L.desc[li]!, R.desc[ri]!),
    containment: containment(L.vectors[li]!, R.vectors[ri]!),
    softCosine: (ab.sum + ba.sum) / 2,
    softMin: Math.min(ab.sum, ba.sum),
    unmatchedA: ab.unmatched,
    unmatchedB: ba.unmatched,
  };
}

/** Accepts pairs by descending score; each id is used at most once. Ties break on ids. */
export function assignGreedy(
  candidates: MatchPair[],
  extraThreshold = Number.POSITIVE_INFINITY,
): MatchPair[] {
  const sorted = [...candidates].sort(
    (x, y) => y.score - x.score || compareStrings(x.leftId, y.leftId) || compareStrings(x.rightId, y.rightId),
  );
  const usedL = new Set<string>();
  const usedR = new Set<string>();
  const out: MatchPair[] = [];
  for (const c of sorted) {
    if (usedL.has(c.leftId) || usedR.has(c.rightId)) continue;
    usedL.add(c.leftId);
    usedR.add(c.rightId);
    out.push(c);
  }
  if (Number.isFinite(extraThreshold)) {
    for (const c of sorted) {
      if (c.score < extraThreshold) break;
      if (usedR.has(c.rightId)) continue;
      usedR.add(c.rightId);
      out.push(c);
    }
  }
  return out.sort((x, y) => compareStrings(x.leftId, y.leftId) || compareStrings(x.rightId, y.rightId));
}

/**
 * Training and honest evaluation of the learned matcher (logistic regression over the pair features of
 * `packages/catalog/src/match/learned.ts`). Used by the bench and by `packages/catalog/scripts/train-matcher.ts`.
 */
import {
  assignGreedy,
  DEFAULT_MATCHER_OPTIONS,
  FEATURE_NAMES,
  featureVectors,
  type LogisticFit,
  type MatcherModel,
  type MatchPair,
  type MatchRecord,
  MODEL_FORMAT,
  predictLogistic,
  scoredCandidates,
  trainLogistic,
} from '../../packages/catalog/src/index.js';
import { pairKey } from './datasets.js';

export interface CandidateTable {
  leftIds: string[];
  rightIds: string[];
  x: number[][];
}

/** All candidate pairs the matcher's blocking produces, with their feature vectors (no threshold). */
export function candidateTable(left: readonly MatchRecord[], right: readonly MatchRecord[]): CandidateTable {
  const { lp, rp, rows } = scoredCandidates(left, right, {
    ...DEFAULT_MATCHER_OPTIONS,
    threshold: Number.NEGATIVE_INFINITY,
  });
  return {
    leftIds: rows.map((r) => lp[r.li]!.id),
    rightIds: rows.map((r) => rp[r.ri]!.id),
    x: featureVectors(rows),
  };
}

export const THRESHOLDS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7];
export const EXTRA_THRESHOLDS = [Number.POSITIVE_INFINITY, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];

export interface Choice {
  threshold: number;
  extraThreshold: number;
}

function assign(t: CandidateTable, idx: readonly number[], p: readonly number[], c: Choice): MatchPair[] {
  const cands: MatchPair[] = [];
  for (const i of idx) {
    if (p[i]! >= c.threshold) cands.push({ leftId: t.leftIds[i]!, rightId: t.rightIds[i]!, score: p[i]! });
  }
  return assignGreedy(cands, c.extraThreshold);
}

function f1Of(pairs: readonly MatchPair[], truth: ReadonlySet<string>, actual: number): number {
  let tp = 0;
  for (const p of pairs) if (truth.has(pairKey(p.leftId, p.rightId))) tp++;
  const precision = pairs.length ? tp / pairs.length : 0;
  const recall = actual ? tp / actual : 0;
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}

/**
 * Picks the thresholds that maximise F1 of the *assigned* pairs on the given rows. `actual` counts the
 * true pairs of those rows' left records (including ones blocking missed), so recall is not inflated.
 */
export function chooseThresholds(
  t: CandidateTable,
  idx: readonly number[],
  p: readonly number[],
  truth: ReadonlySet<string>,
  actual: number,
): Choice {
  let best: Choice & { f1: number } = { threshold: 0.5, extraThreshold: Number.POSITIVE_INFINITY, f1: -1 };
  for (const threshold of THRESHOLDS) {
    for (const extraThreshold of EXTRA_THRESHOLDS) {
      const f1 = f1Of(assign(t, idx, p, { threshold, extraThreshold }), truth, actual);
      if (f1 > best.f1 + 1e-9) best = { threshold, extraThreshold, f1 };
    }
  }
  return { threshold: best.threshold, extraThreshold: best.extraThreshold };
}

export function toModel(fit: LogisticFit, choice: Choice, trainedOn: string): MatcherModel {
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    format: MODEL_FORMAT,
    trainedOn,
    features: [...FEATURE_NAMES],
    mean: fit.mean.map(round),
    scale: fit.scale.map(round),
    weights: fit.weights.map(round),
    bias: round(fit.bias),
    threshold: choice.threshold,
    // JSON has no Infinity: "no many-to-one pass" is written as 2 (a probability never reaches it).
    extraThreshold: Number.isFinite(choice.extraThreshold) ? choice.extraThreshold : 2,
  };
}

/** Trains on the rows `idx` and picks thresholds on the same rows (in-sample; for the final model only). */
export function fitOn(
  t: CandidateTable,
  idx: readonly number[],
  truth: ReadonlySet<string>,
  actual: number,
): { fit: LogisticFit; choice: Choice } {
  const labels = idx.map((i) => truth.has(pairKey(t.leftIds[i]!, t.rightIds[i]!)));
  const fit = trainLogistic(
    idx.map((i) => t.x[i]!),
    labels,
  );
  const p: number[] = [];
  for (const i of idx) p[i] = predictLogistic(fit, t.x[i]!);
  return { fit, choice: chooseThresholds(t, idx, p, truth, actual) };
}

/**
 * k-fold cross-validation grouped by *left record*: every candidate pair of one left record is in the same
 * fold, so no left record is ever scored by a model (or thresholds) that saw its labels. Folds are
 * assigned by the left record's position in id order (deterministic). Out-of-fold scores are pooled,
 * each fold's own thresholds applied, and one global 1:1 assignment is evaluated against the full truth.
 */
export function crossValidate(
  t: CandidateTable,
  truth: ReadonlySet<string>,
  k = 5,
): { pairs: MatchPair[]; folds: Choice[] } {
  const truthLefts = [...truth].map((key) => key.split('\u0000')[0]!);
  // Left records without any candidate get a fold too, so their true pairs count as missed somewhere.
  const lefts = [...new Set([...t.leftIds, ...truthLefts])].sort();
  const foldOf = new Map(lefts.map((id, i) => [id, i % k]));
  const pooled: MatchPair[] = [];
  const folds: Choice[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    t.leftIds.forEach((id, i) => {
      (foldOf.get(id) === f ? test : train).push(i);
    });
    const actual = truthLefts.filter((l) => foldOf.get(l) !== f).length;
    const { fit, choice } = fitOn(t, train, truth, actual);
    folds.push(choice);
    for (const i of test) {
      const score = predictLogistic(fit, t.x[i]!);
      if (score >= choice.threshold) pooled.push({ leftId: t.leftIds[i]!, rightId: t.rightIds[i]!, score });
    }
  }
  const extra = Math.min(...folds.map((c) => c.extraThreshold));
  return { pairs: assignGreedy(pooled, extra), folds };
}

/** Labelled pairs as a truth set plus the set of all labelled keys (unlabelled candidates are unknown). */
function labelSets(pairs: readonly { left: string; right: string; match: boolean }[]) {
  const truth = new Set<string>();
  const labelled = new Set<string>();
  for (const p of pairs) {
    labelled.add(pairKey(p.left, p.right));
    if (p.match) truth.add(pairKey(p.left, p.right));
  }
  return { truth, labelled };
}

export interface LabelledSplit {
  left: MatchRecord[];
  right: MatchRecord[];
  pairs: { left: string; right: string; match: boolean }[];
}

/**
 * Walmart-Amazon: the model is trained on the *train* split's candidate pairs that carry a label
 * (unlabelled candidates are left out: they are unknown, not negatives), the thresholds are chosen on the
 * *valid* split with `scoreValid`, and the caller reports on *test*; test labels are never read here.
 */
export function trainOnSplits(
  train: LabelledSplit,
  valid: LabelledSplit,
  scoreValid: (pairs: MatchPair[]) => number,
): { model: MatcherModel } {
  const t = candidateTable(train.left, train.right);
  const { truth, labelled } = labelSets(train.pairs);
  const idx = t.x.map((_, i) => i).filter((i) => labelled.has(pairKey(t.leftIds[i]!, t.rightIds[i]!)));
  const fit = trainLogistic(
    idx.map((i) => t.x[i]!),
    idx.map((i) => truth.has(pairKey(t.leftIds[i]!, t.rightIds[i]!))),
  );
  const v = candidateTable(valid.left, valid.right);
  const all = v.x.map((_, i) => i);
  const p = v.x.map((x) => predictLogistic(fit, x));
  let best: Choice & { f1: number } = { threshold: 0.5, extraThreshold: Number.POSITIVE_INFINITY, f1: -1 };
  for (const threshold of THRESHOLDS) {
    for (const extraThreshold of EXTRA_THRESHOLDS) {
      const f1 = scoreValid(assign(v, all, p, { threshold, extraThreshold }));
      if (f1 > best.f1 + 1e-9) best = { threshold, extraThreshold, f1 };
    }
  }
  return {
    model: toModel(fit, best, 'walmart-amazon-ditto train (labelled candidates); thresholds on valid'),
  };
}

/**
 * Training and honest evaluation of the learned matcher: the pair model (logistic regression over the
 * features of `packages/catalog/src/match/learned.ts`) and the sibling model of the second pass
 * (`match/siblings.ts`). Used by the bench and by `packages/catalog/scripts/train-matcher.ts`.
 */
import {
  assignTwoStage,
  DEFAULT_MATCHER_OPTIONS,
  FEATURE_NAMES,
  featureVectors,
  GBDT_FORMAT,
  type GbdtFit,
  type GbdtOptions,
  LOGREG_FORMAT,
  type LogisticFit,
  type MatcherModel,
  type MatchPair,
  type MatchRecord,
  type ProbabilityRow,
  predictScorer,
  type Scorer,
  SIBLING_FEATURE_NAMES,
  type Side,
  scoredCandidates,
  siblingFeatures,
  trainGbdt,
  trainLogistic,
  twoStagePairs,
} from '../../packages/catalog/src/index.js';
import { pairKey } from './datasets.js';

export interface CandidateTable {
  ids: { left: string[]; right: string[] };
  /** Per candidate row: indexes into `ids.left` / `ids.right`. */
  li: number[];
  ri: number[];
  x: number[][];
  /** The prepared right side (the sibling features compare right records with each other). */
  R: Side;
}

/** All candidate pairs the matcher's blocking produces, with their feature vectors (no threshold). */
export function candidateTable(left: readonly MatchRecord[], right: readonly MatchRecord[]): CandidateTable {
  const { lp, rp, rows, R } = scoredCandidates(left, right, {
    ...DEFAULT_MATCHER_OPTIONS,
    threshold: Number.NEGATIVE_INFINITY,
  });
  return {
    ids: { left: lp.map((p) => p.id), right: rp.map((p) => p.id) },
    li: rows.map((r) => r.li),
    ri: rows.map((r) => r.ri),
    x: featureVectors(rows),
    R,
  };
}

const leftId = (t: CandidateTable, i: number) => t.ids.left[t.li[i]!]!;
const rightId = (t: CandidateTable, i: number) => t.ids.right[t.ri[i]!]!;
const labelOf = (t: CandidateTable, i: number, truth: ReadonlySet<string>) =>
  truth.has(pairKey(leftId(t, i), rightId(t, i)));

export const THRESHOLDS = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6];
/** Sibling-pass thresholds; above 1 = no sibling pass (strict 1:1). */
export const SIBLING_THRESHOLDS = [2, 0.9, 0.8, 0.7, 0.6, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2];

export interface Choice {
  threshold: number;
  siblingThreshold: number;
}

export interface Fitted {
  fit: Scorer;
  sibling: Scorer;
  choice: Choice;
}

type Train = (rows: readonly (readonly number[])[], labels: readonly boolean[]) => Scorer;

/** How the pair model and the sibling model are trained. */
export interface Learner {
  name: string;
  pair: Train;
  sibling: Train;
  /**
   * With inner cross-validation (`innerFolds` ≥ 2), the pair model's candidates to choose from, derived from
   * one fit (for boosted trees: prefixes of its rounds). Without it, the fit itself is used.
   */
  variants?: (fit: Scorer) => Scorer[];
  /**
   * When set, the sibling model, both thresholds and the variant are fitted on *out-of-fold* pair
   * probabilities of the training rows (inner k-fold grouped by left record), the way they are met at
   * prediction time; the pair model is then trained on all training rows. Boosted trees need this: their
   * in-sample probabilities are far more confident than on unseen records.
   */
  innerFolds?: number;
}

export const LOGISTIC_LEARNER: Learner = { name: 'logistic', pair: trainLogistic, sibling: trainLogistic };

/**
 * Gradient-boosted trees for the pair model (`rounds` trees; with `roundChoices`, inner CV picks one of
 * those prefixes); `sibling` picks the sibling model's learner.
 */
export function gbdtLearner(
  options: Partial<GbdtOptions> = {},
  sibling: 'gbdt' | 'logistic' = 'logistic',
  inner?: { folds: number; roundChoices: number[] },
): Learner {
  const trees: Train = (x, y) => trainGbdt(x, y, options);
  const learner: Learner = {
    name: `gbdt ${JSON.stringify(options)} sibling ${sibling} inner ${JSON.stringify(inner ?? null)}`,
    pair: trees,
    sibling: sibling === 'gbdt' ? trees : trainLogistic,
  };
  if (inner) {
    learner.innerFolds = inner.folds;
    learner.variants = (fit) =>
      'trees' in fit
        ? inner.roundChoices.map((k) => ({ base: fit.base, trees: fit.trees.slice(0, k) }))
        : [fit];
  }
  return learner;
}

/**
 * The learner the bench and the trainer use: 300 rounds of depth-3 trees (shrinkage 0.1, λ 1, 32 bins —
 * a fixed, common setting), the number of rounds (100 / 200 / 300), the sibling model (logistic) and both
 * thresholds chosen by 3-fold inner cross-validation on the training rows.
 */
export const DEFAULT_LEARNER: Learner = gbdtLearner({ rounds: 300 }, 'logistic', {
  folds: 3,
  roundChoices: [100, 200, 300],
});

function f1Of(pairs: readonly MatchPair[], truth: ReadonlySet<string>, actual: number): number {
  let tp = 0;
  for (const p of pairs) if (truth.has(pairKey(p.leftId, p.rightId))) tp++;
  const precision = pairs.length ? tp / pairs.length : 0;
  const recall = actual ? tp / actual : 0;
  return precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
}

/** A logistic fit that always answers 0 (no sibling training rows, or no positive among them). */
function neverFit(d: number): LogisticFit {
  return {
    mean: new Array(d).fill(0),
    scale: new Array(d).fill(1),
    weights: new Array(d).fill(0),
    bias: -30,
  };
}

/**
 * Trains the sibling model for one stage-1 threshold: stage 1 runs on `rows` (probabilities `p`), and every
 * other candidate of a matched left record whose right record stage 1 left free becomes a training row —
 * features against that left record's stage-1 partner, label from `labelled` (rows it returns undefined
 * for are skipped: unknown, not negative).
 */
function fitSibling(
  t: CandidateTable,
  rows: readonly ProbabilityRow[],
  threshold: number,
  labelled: (row: ProbabilityRow) => boolean | undefined,
  train: Train,
): Scorer {
  const x: number[][] = [];
  const y: boolean[] = [];
  assignTwoStage(
    rows,
    t.ids,
    (r) => r.p >= threshold,
    (row, star) => {
      const label = labelled(row);
      if (label !== undefined) {
        x.push(siblingFeatures(t.R, row, star));
        y.push(label);
      }
      return undefined; // collect only; never accept while training
    },
  );
  return y.some((v) => v) ? train(x, y) : neverFit(SIBLING_FEATURE_NAMES.length);
}

/** Stage-1 probabilities of the given candidate rows under `fit`. */
function probabilityRows(t: CandidateTable, idx: readonly number[], fit: Scorer): ProbabilityRow[] {
  return idx.map((i) => ({ li: t.li[i]!, ri: t.ri[i]!, p: predictScorer(fit, t.x[i]!) }));
}

/**
 * Picks (stage-1 threshold, sibling model, sibling threshold) maximising `score` of the assigned pairs.
 * For each stage-1 threshold a sibling model is trained on `trainRows`; thresholds are scored on `choiceRows`
 * (the same rows in-sample for the shipped model and inside cross-validation; the valid split for Walmart).
 */
function chooseTwoStage(
  t: CandidateTable,
  trainRows: readonly ProbabilityRow[],
  labelled: (row: ProbabilityRow) => boolean | undefined,
  choiceTable: CandidateTable,
  choiceRows: readonly ProbabilityRow[],
  score: (pairs: MatchPair[]) => number,
  train: Train,
): { sibling: Scorer; choice: Choice; f1: number } {
  let best: { sibling: Scorer; choice: Choice; f1: number } = {
    sibling: neverFit(SIBLING_FEATURE_NAMES.length),
    choice: { threshold: 0.5, siblingThreshold: 2 },
    f1: -1,
  };
  for (const threshold of THRESHOLDS) {
    const sibling = fitSibling(t, trainRows, threshold, labelled, train);
    // Sibling probabilities do not depend on the sibling threshold: compute them once per stage-1 threshold.
    const q = new Map<ProbabilityRow, number>();
    assignTwoStage(
      choiceRows,
      choiceTable.ids,
      (r) => r.p >= threshold,
      (row, star) => {
        q.set(row, predictScorer(sibling, siblingFeatures(choiceTable.R, row, star)));
        return undefined;
      },
    );
    for (const siblingThreshold of SIBLING_THRESHOLDS) {
      const result = assignTwoStage(
        choiceRows,
        choiceTable.ids,
        (r) => r.p >= threshold,
        (row) => ((q.get(row) ?? 0) >= siblingThreshold ? q.get(row) : undefined),
      );
      const f1 = score(twoStagePairs(result, choiceTable.ids));
      if (f1 > best.f1 + 1e-9) best = { sibling, choice: { threshold, siblingThreshold }, f1 };
    }
  }
  return best;
}

export function toModel(fitted: Fitted, trainedOn: string): MatcherModel {
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const logisticJson = (fit: LogisticFit, names: readonly string[]) => ({
    features: [...names],
    mean: fit.mean.map(round),
    scale: fit.scale.map(round),
    weights: fit.weights.map(round),
    bias: round(fit.bias),
  });
  // Tree leaf values are rounded while training; thresholds stay exact (they are training midpoints).
  const treesJson = (fit: GbdtFit, names: readonly string[]) => ({
    features: [...names],
    base: fit.base,
    trees: fit.trees,
  });
  const { fit, sibling, choice } = fitted;
  if ('trees' in fit) {
    const siblingJson =
      'trees' in sibling
        ? treesJson(sibling, SIBLING_FEATURE_NAMES)
        : logisticJson(sibling, SIBLING_FEATURE_NAMES);
    return {
      format: GBDT_FORMAT,
      trainedOn,
      ...treesJson(fit, FEATURE_NAMES),
      threshold: choice.threshold,
      sibling: { ...siblingJson, threshold: choice.siblingThreshold },
    };
  }
  if ('trees' in sibling) throw new Error(`${LOGREG_FORMAT} needs a logistic sibling model`);
  return {
    format: LOGREG_FORMAT,
    trainedOn,
    ...logisticJson(fit, FEATURE_NAMES),
    threshold: choice.threshold,
    sibling: { ...logisticJson(sibling, SIBLING_FEATURE_NAMES), threshold: choice.siblingThreshold },
  };
}

/**
 * Trains both models on the rows `idx` and picks the thresholds on the same rows (in-sample). `actual`
 * counts the true pairs of those rows' left records (including ones blocking missed), so recall is not
 * inflated.
 */
export function fitOn(
  t: CandidateTable,
  idx: readonly number[],
  truth: ReadonlySet<string>,
  actual: number,
  learner: Learner = DEFAULT_LEARNER,
): Fitted {
  if (learner.innerFolds && learner.innerFolds >= 2) return fitOnInner(t, idx, truth, actual, learner);
  const fit = learner.pair(
    idx.map((i) => t.x[i]!),
    idx.map((i) => labelOf(t, i, truth)),
  );
  const rows = probabilityRows(t, idx, fit);
  const label = (r: ProbabilityRow) => truth.has(pairKey(t.ids.left[r.li]!, t.ids.right[r.ri]!));
  const { sibling, choice } = chooseTwoStage(
    t,
    rows,
    label,
    t,
    rows,
    (pairs) => f1Of(pairs, truth, actual),
    learner.sibling,
  );
  return { fit, sibling, choice };
}

/**
 * {@link fitOn} with inner cross-validation (see {@link Learner.innerFolds}): the rows `idx` are split into
 * `innerFolds` folds grouped by left record (sorted left ids dealt round-robin); each fold's pair
 * probabilities come from a model trained on the other inner folds. For each pair-model variant, the sibling
 * model and both thresholds are fitted on those out-of-fold rows; the variant with the best F1 wins (ties:
 * the earlier, smaller one). The pair model is finally trained on all of `idx`.
 */
function fitOnInner(
  t: CandidateTable,
  idx: readonly number[],
  truth: ReadonlySet<string>,
  actual: number,
  learner: Learner,
): Fitted {
  const k = learner.innerFolds!;
  const variants = learner.variants ?? ((fit: Scorer) => [fit]);
  const lefts = [...new Set(idx.map((i) => leftId(t, i)))].sort();
  const foldOf = new Map(lefts.map((id, j) => [id, j % k]));
  const oof: ProbabilityRow[][] = [];
  for (let f = 0; f < k; f++) {
    const train = idx.filter((i) => foldOf.get(leftId(t, i)) !== f);
    const test = idx.filter((i) => foldOf.get(leftId(t, i)) === f);
    const fit = learner.pair(
      train.map((i) => t.x[i]!),
      train.map((i) => labelOf(t, i, truth)),
    );
    variants(fit).forEach((v, vi) => {
      oof[vi] ??= [];
      oof[vi]!.push(...probabilityRows(t, test, v));
    });
  }
  const label = (r: ProbabilityRow) => truth.has(pairKey(t.ids.left[r.li]!, t.ids.right[r.ri]!));
  let best: { variant: number; sibling: Scorer; choice: Choice; f1: number } | undefined;
  oof.forEach((rows, variant) => {
    const chosen = chooseTwoStage(
      t,
      rows,
      label,
      t,
      rows,
      (pairs) => f1Of(pairs, truth, actual),
      learner.sibling,
    );
    if (!best || chosen.f1 > best.f1 + 1e-9) best = { variant, ...chosen };
  });
  const fit = learner.pair(
    idx.map((i) => t.x[i]!),
    idx.map((i) => labelOf(t, i, truth)),
  );
  const chosen = best!;
  return { fit: variants(fit)[chosen.variant]!, sibling: chosen.sibling, choice: chosen.choice };
}

/**
 * k-fold cross-validation grouped by *left record*: every candidate pair of one left record is in the same
 * fold, so no left record is ever scored by a model (or thresholds) that saw its labels. Folds are
 * assigned by the left record's position in id order (deterministic). Each fold's models score its own
 * rows; then one global two-stage assignment runs over all rows, each row judged by its fold's thresholds
 * and sibling model, and is evaluated against the full truth.
 */
export function crossValidate(
  t: CandidateTable,
  truth: ReadonlySet<string>,
  k = 5,
  learner: Learner = DEFAULT_LEARNER,
): { pairs: MatchPair[]; folds: Choice[] } {
  const truthLefts = [...truth].map((key) => key.split('\u0000')[0]!);
  // Left records without any candidate get a fold too, so their true pairs count as missed somewhere.
  const lefts = [...new Set([...t.ids.left, ...truthLefts])].sort();
  const foldOf = new Map(lefts.map((id, i) => [id, i % k]));
  const pooled: ProbabilityRow[] = [];
  const fitted: Fitted[] = [];
  const rowFold = new Map<ProbabilityRow, number>();
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < t.x.length; i++) (foldOf.get(leftId(t, i)) === f ? test : train).push(i);
    const actual = truthLefts.filter((l) => foldOf.get(l) !== f).length;
    const model = fitOn(t, train, truth, actual, learner);
    fitted.push(model);
    for (const row of probabilityRows(t, test, model.fit)) {
      pooled.push(row);
      rowFold.set(row, f);
    }
  }
  const foldOfRow = (r: ProbabilityRow) => fitted[rowFold.get(r)!]!;
  const result = assignTwoStage(
    pooled,
    t.ids,
    (r) => r.p >= foldOfRow(r).choice.threshold,
    (row, star) => {
      const m = foldOfRow(row);
      const q = predictScorer(m.sibling, siblingFeatures(t.R, row, star));
      return q >= m.choice.siblingThreshold ? q : undefined;
    },
  );
  return { pairs: twoStagePairs(result, t.ids), folds: fitted.map((m) => m.choice) };
}

export interface LabelledSplit {
  left: MatchRecord[];
  right: MatchRecord[];
  pairs: { left: string; right: string; match: boolean }[];
}

/**
 * Walmart-Amazon: both models are trained on the *train* split's candidate pairs that carry a label
 * (unlabelled candidates are left out: they are unknown, not negatives); the learner (boosted trees or
 * logistic regression), the tree count and the thresholds are chosen on the *valid* split with
 * `scoreValid`; the caller reports on *test*. Test labels are never read here.
 */
export function trainOnSplits(
  train: LabelledSplit,
  valid: LabelledSplit,
  scoreValid: (pairs: MatchPair[]) => number,
  learners: readonly Learner[] = [DEFAULT_LEARNER, LOGISTIC_LEARNER],
): { model: MatcherModel; learner: string; validF1: number } {
  const t = candidateTable(train.left, train.right);
  const labels = new Map(train.pairs.map((p) => [pairKey(p.left, p.right), p.match]));
  const idx = t.x.map((_, i) => i).filter((i) => labels.has(pairKey(leftId(t, i), rightId(t, i))));
  const v = candidateTable(valid.left, valid.right);
  let best: { fit: Scorer; sibling: Scorer; choice: Choice; f1: number; learner: string } | undefined;
  for (const learner of learners) {
    const trained = learner.pair(
      idx.map((i) => t.x[i]!),
      idx.map((i) => labels.get(pairKey(leftId(t, i), rightId(t, i)))!),
    );
    // Each pair-model variant (boosting rounds) gets its sibling model and thresholds; valid picks the best.
    for (const fit of learner.variants?.(trained) ?? [trained]) {
      // Stage 1 on train sees every candidate (the 1:1 competition needs them); sibling labels only where known.
      const trainRows = probabilityRows(
        t,
        t.x.map((_, i) => i),
        fit,
      );
      const validRows = probabilityRows(
        v,
        v.x.map((_, i) => i),
        fit,
      );
      const chosen = chooseTwoStage(
        t,
        trainRows,
        (r) => labels.get(pairKey(t.ids.left[r.li]!, t.ids.right[r.ri]!)),
        v,
        validRows,
        scoreValid,
        learner.sibling,
      );
      const name = 'trees' in fit ? `boosted trees (${fit.trees.length})` : 'logistic regression';
      if (!best || chosen.f1 > best.f1 + 1e-9) best = { fit, ...chosen, learner: name };
    }
  }
  const { fit, sibling, choice } = best!;
  return {
    model: toModel(
      { fit, sibling, choice },
      'walmart-amazon-ditto train (labelled candidates); learner and thresholds on valid',
    ),
    learner: best!.learner,
    validF1: best!.f1,
  };
}

import { readFileSync } from 'node:fs';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { z } from 'zod';
import { parseWithSchema } from '../schema-error.js';
import { type GbdtFit, predictGbdt } from './gbdt.js';
import type { LogisticFit } from './logistic.js';
import { predictLogistic } from './logistic.js';
import type { PairFeatures } from './score.js';
import { SIBLING_FEATURE_NAMES } from './siblings.js';
import { countCosine } from './vectors.js';

/** One scored candidate pair (indexes into the prepared left/right lists). */
export interface CandidateRow {
  li: number;
  ri: number;
  /** The hand-set score of `score.ts` (also a model input). */
  legacy: number;
  features: PairFeatures;
  brandMismatch: boolean;
}

/**
 * Inputs of the learned pair model, in order. The last four compare a pair with the other candidates of
 * the same left/right record: in 1:1 matching, "is this the best option either side has" carries much of
 * the signal that a single pair's similarity cannot.
 */
export const FEATURE_NAMES = [
  'nameCosine',
  'trigramCosine',
  'descCosine',
  'containment',
  'codeShared',
  'numbersAgree',
  'numberConflict',
  'priceLogRatio',
  'priceMissing',
  'brandMatch',
  'brandMismatch',
  'tokenJaccard',
  'legacyScore',
  'versionJaccard',
  'variantMismatch',
  'lengthRatio',
  'gapToBestOfLeft',
  'gapToBestOfRight',
  'bestOfLeft',
  'bestOfRight',
  'legacyIfBestOfLeft',
  'legacyIfBestOfRight',
  'trigramSquared',
  'trigramGapToBestOfRight',
  'softCosine',
  'softGapToBestOfLeft',
  'softGapToBestOfRight',
  'partNumberShared',
  'partNumberConflict',
  'softCoverageMin',
  'unmatchedWeightMax',
  'unmatchedWeightMin',
] as const;

/** The first learned format: logistic regressions for both the pair and the sibling model. Still loaded. */
export const LOGREG_FORMAT = 'ensemble-matcher-logreg/2';
/** Gradient-boosted trees (`gbdt.ts`) for the pair model; the sibling model may be trees or logistic. */
export const GBDT_FORMAT = 'ensemble-matcher-gbdt/1';
/** The format the trainer writes. */
export const MODEL_FORMAT = GBDT_FORMAT;

/** A trained scorer of either kind; `predictScorer` tells them apart by shape. */
export type Scorer = LogisticFit | GbdtFit;

export function predictScorer(scorer: Scorer, x: readonly number[]): number {
  return 'trees' in scorer ? predictGbdt(scorer, x) : predictLogistic(scorer, x);
}

const logisticSchema = {
  features: z.array(z.string()),
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
};

const treeSchema = z.strictObject({
  feature: z.array(z.number().int().min(-1)),
  threshold: z.array(z.number()),
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  value: z.array(z.number()),
});

const gbdtSchema = {
  features: z.array(z.string()),
  base: z.number(),
  trees: z.array(treeSchema),
};

const common = {
  /** Where the weights came from (data set, split, date); informational. */
  trainedOn: z.string(),
  /** Probability threshold of the 1:1 pass. */
  threshold: z.number().min(0).max(1),
};

/**
 * The sibling model of the second pass (`siblings.ts`): a still-free right record joins a matched left
 * record when this model's probability reaches `threshold`; a threshold above 1 disables the pass.
 */
const siblingThreshold = { threshold: z.number().min(0) };

const logregModelSchema = z.strictObject({
  format: z.literal(LOGREG_FORMAT),
  ...common,
  ...logisticSchema,
  sibling: z.strictObject({ ...logisticSchema, ...siblingThreshold }),
});

const gbdtModelSchema = z.strictObject({
  format: z.literal(GBDT_FORMAT),
  ...common,
  ...gbdtSchema,
  sibling: z.union([
    z.strictObject({ ...gbdtSchema, ...siblingThreshold }),
    z.strictObject({ ...logisticSchema, ...siblingThreshold }),
  ]),
});

export const matcherModelSchema = z.discriminatedUnion('format', [logregModelSchema, gbdtModelSchema]);
export type MatcherModel = z.infer<typeof matcherModelSchema>;

function checkFeatures(fit: Scorer & { features: string[] }, names: readonly string[], where: string): void {
  const expected = names.join(',');
  const wrong = () => new EnsembleError(ErrorCode.Config, `${where}: features must be exactly [${expected}]`);
  if (fit.features.join(',') !== expected) throw wrong();
  if (!('trees' in fit)) {
    if ([fit.mean, fit.scale, fit.weights].some((a) => a.length !== names.length)) throw wrong();
    return;
  }
  fit.trees.forEach((t, k) => {
    const n = t.feature.length;
    const bad = (why: string) => new EnsembleError(ErrorCode.Config, `${where}: trees.${k}: ${why}`);
    if (n === 0 || [t.threshold, t.left, t.right, t.value].some((a) => a.length !== n)) {
      throw bad('feature, threshold, left, right and value must be non-empty and of equal length');
    }
    for (let i = 0; i < n; i++) {
      const f = t.feature[i]!;
      if (f >= names.length) throw bad(`node ${i} uses feature ${f}, there are ${names.length}`);
      // Children after their parent: prediction always terminates.
      if (f !== -1 && !(t.left[i]! > i && t.left[i]! < n && t.right[i]! > i && t.right[i]! < n)) {
        throw bad(`node ${i} has children outside ${i + 1}..${n - 1}`);
      }
    }
  });
}

export function parseMatcherModel(value: unknown, source = 'matcher model'): MatcherModel {
  const m = parseWithSchema(matcherModelSchema, value, source);
  checkFeatures(m, FEATURE_NAMES, source);
  checkFeatures(m.sibling, SIBLING_FEATURE_NAMES, `${source}: sibling`);
  return m;
}

export const DEFAULT_MODEL_FILE = new URL('../../rules/matcher-model.json', import.meta.url);

let cached: MatcherModel | undefined;
/** The shipped model (trained on Amazon-Google; see docs/catalog.md). Read once. */
export function defaultMatcherModel(): MatcherModel {
  cached ??= parseMatcherModel(
    JSON.parse(readFileSync(DEFAULT_MODEL_FILE, 'utf8')),
    'rules/matcher-model.json',
  );
  return cached;
}

function overlapCount(a: string[], b: string[]): number {
  const set = new Set(b);
  let n = 0;
  for (const x of a) if (set.has(x)) n++;
  return n;
}

function jaccard(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  const union = sa.size + sb.size - inter;
  return union === 0 ? 0 : inter / union;
}

/**
 * Words that mark a different edition of the same product (`upgrade` vs full, `academic`, `mac` vs `win`).
 * Each group present on exactly one side counts once.
 */
const VARIANT_GROUPS: readonly (readonly string[])[] = [
  ['upgrade', 'upg', 'upgr'],
  ['academic', 'education', 'edu', 'student', 'teacher'],
  ['mac', 'macintosh', 'osx'],
  ['deluxe', 'dlx'],
  ['pro', 'professional'],
  ['premium', 'platinum', 'gold'],
  ['server', 'srv', 'svr'],
];

function variantMismatch(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  let n = 0;
  for (const group of VARIANT_GROUPS) {
    if (group.some((w) => sa.has(w)) !== group.some((w) => sb.has(w))) n++;
  }
  return n;
}

/** Numbers of at most 4 digits are versions/editions (`3`, `2007`); longer ones are part numbers. */
const versions = (numbers: string[]) => numbers.filter((n) => n.length <= 4);

/** Pair-local features (everything but the rank features). */
function pairVector(row: CandidateRow): number[] {
  const f = row.features;
  const { a, b } = f;
  const bothNumbers = a.numbers.length > 0 && b.numbers.length > 0;
  const agree = bothNumbers && overlapCount(a.numbers, b.numbers) > 0;
  const priced = a.price !== undefined && b.price !== undefined;
  const bothBrands = a.brand !== '' && b.brand !== '';
  return [
    f.nameCosine,
    countCosine(f.gramsA, f.gramsB),
    f.descCosine,
    f.containment,
    a.codes.length > 0 && overlapCount(a.codes, b.codes) > 0 ? 1 : 0,
    agree ? 1 : 0,
    bothNumbers && !agree ? 1 : 0,
    priced ? Math.min(3, Math.abs(Math.log(a.price! / b.price!))) : 0,
    priced ? 0 : 1,
    bothBrands && !row.brandMismatch ? 1 : 0,
    row.brandMismatch ? 1 : 0,
    jaccard(a.tokens, b.tokens),
    row.legacy,
    jaccard(versions(a.numbers), versions(b.numbers)),
    variantMismatch(a.tokens, b.tokens),
    Math.min(a.tokens.length, b.tokens.length) / Math.max(1, a.tokens.length, b.tokens.length),
  ];
}

/** Pair-local features added with format 2 (appended so older indexes stay stable). */
function pairVector2(row: CandidateRow): number[] {
  const { a, b } = row.features;
  const bothParts = a.partNumbers.length > 0 && b.partNumbers.length > 0;
  const sharedParts = bothParts && overlapCount(a.partNumbers, b.partNumbers) > 0;
  const f = row.features;
  return [f.softCosine, sharedParts ? 1 : 0, bothParts && !sharedParts ? 1 : 0];
}

/** Directional coverage terms (appended last). */
function pairVector3(row: CandidateRow): number[] {
  const f = row.features;
  return [f.softMin, Math.max(f.unmatchedA, f.unmatchedB), Math.min(f.unmatchedA, f.unmatchedB)];
}

/** Feature vectors of all candidate rows, rank features included (rows of one left record are adjacent). */
export function featureVectors(rows: readonly CandidateRow[]): number[][] {
  const bestLeft = new Map<number, number>();
  const bestRight = new Map<number, number>();
  for (const r of rows) {
    bestLeft.set(r.li, Math.max(bestLeft.get(r.li) ?? Number.NEGATIVE_INFINITY, r.legacy));
    bestRight.set(r.ri, Math.max(bestRight.get(r.ri) ?? Number.NEGATIVE_INFINITY, r.legacy));
  }
  const pair = rows.map(pairVector);
  const pair2 = rows.map((r) => [...pairVector2(r), ...pairVector3(r)]);
  const trigramBestRight = new Map<number, number>();
  const softBestLeft = new Map<number, number>();
  const softBestRight = new Map<number, number>();
  rows.forEach((r, i) => {
    trigramBestRight.set(r.ri, Math.max(trigramBestRight.get(r.ri) ?? 0, pair[i]![1]!));
    softBestLeft.set(r.li, Math.max(softBestLeft.get(r.li) ?? 0, pair2[i]![0]!));
    softBestRight.set(r.ri, Math.max(softBestRight.get(r.ri) ?? 0, pair2[i]![0]!));
  });
  return rows.map((r, i) => {
    const gl = bestLeft.get(r.li)! - r.legacy;
    const gr = bestRight.get(r.ri)! - r.legacy;
    const tri = pair[i]![1]!;
    // A linear model cannot express "high similarity AND the best option": the products below can.
    return [
      ...pair[i]!,
      gl,
      gr,
      gl === 0 ? 1 : 0,
      gr === 0 ? 1 : 0,
      gl === 0 ? r.legacy : 0,
      gr === 0 ? r.legacy : 0,
      tri * tri,
      trigramBestRight.get(r.ri)! - tri,
      pair2[i]![0]!,
      softBestLeft.get(r.li)! - pair2[i]![0]!,
      softBestRight.get(r.ri)! - pair2[i]![0]!,
      ...pair2[i]!.slice(1),
    ];
  });
}

export function predictMatch(model: MatcherModel, x: readonly number[]): number {
  return predictScorer(model, x);
}

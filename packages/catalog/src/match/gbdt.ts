/**
 * A small gradient-boosted decision-tree classifier (logistic loss), hand-written like `logistic.ts` so the
 * matcher needs no ML dependency and no network model. Trees see features through histogram bins (at most
 * `bins` quantile edges per feature, computed from the training rows), split on the Newton gain of the
 * summed gradients/hessians and carry Newton leaf values, shrunk by `learningRate`. There is no sampling
 * and no randomness: ties between splits go to the lower feature index and then the lower bin, so the
 * same rows give a byte-identical model.
 *
 * A tree is stored flat: node `i` is a leaf when `feature[i] === -1` (its output is `value[i]`), otherwise
 * rows with `x[feature[i]] <= threshold[i]` go to `left[i]` and the others to `right[i]`. Thresholds are
 * midpoints between two training values, so prediction needs no bins.
 */
export interface GbdtTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface GbdtFit {
  /** Log-odds every prediction starts from (the training base rate). */
  base: number;
  trees: GbdtTree[];
}

export interface GbdtOptions {
  rounds: number;
  depth: number;
  learningRate: number;
  /** L2 penalty on leaf values (Newton denominator). */
  lambda: number;
  /** Minimum summed hessian per child (≈ rows × p(1−p)); keeps leaves from fitting a handful of rows. */
  minChildWeight: number;
  bins: number;
}

export const GBDT_DEFAULTS: GbdtOptions = {
  rounds: 200,
  depth: 3,
  learningRate: 0.1,
  lambda: 1,
  minChildWeight: 1,
  bins: 32,
};

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
/** Leaf values are rounded while training, so the serialised model predicts exactly what training saw. */
const round = (v: number): number => Math.round(v * 1e6) / 1e6;

export function gbdtMargin(fit: GbdtFit, x: readonly number[]): number {
  let z = fit.base;
  for (const t of fit.trees) {
    let i = 0;
    while (t.feature[i]! !== -1) i = x[t.feature[i]!]! <= t.threshold[i]! ? t.left[i]! : t.right[i]!;
    z += t.value[i]!;
  }
  return z;
}

export function predictGbdt(fit: GbdtFit, x: readonly number[]): number {
  return sigmoid(gbdtMargin(fit, x));
}

/** Split points of one feature: midpoints between distinct values, thinned to at most `bins − 1` by rank. */
function edgesOf(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const distinct: number[] = [];
  for (const v of sorted) if (distinct.length === 0 || distinct[distinct.length - 1] !== v) distinct.push(v);
  if (distinct.length <= 1) return [];
  const mids: number[] = [];
  if (distinct.length <= bins) {
    for (let k = 0; k + 1 < distinct.length; k++) mids.push((distinct[k]! + distinct[k + 1]!) / 2);
    return mids;
  }
  // Quantile cut: the value at each rank boundary, then the midpoint to the next distinct value.
  const n = sorted.length;
  for (let b = 1; b < bins; b++) {
    const v = sorted[Math.min(n - 1, Math.floor((b * n) / bins))]!;
    const idx = distinct.indexOf(v);
    if (idx <= 0) continue;
    const mid = (distinct[idx - 1]! + v) / 2;
    if (mids.length === 0 || mids[mids.length - 1]! < mid) mids.push(mid);
  }
  return mids;
}

/** Bin index of `v`: the number of edges strictly below it (`v <= edges[b]` ⇔ bin ≤ b). */
function binOf(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Split {
  feature: number;
  bin: number;
  gain: number;
}

export function trainGbdt(
  rows: readonly (readonly number[])[],
  labels: readonly boolean[],
  options: Partial<GbdtOptions> = {},
): GbdtFit {
  const o = { ...GBDT_DEFAULTS, ...options };
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const y = Float64Array.from(labels, (l) => (l ? 1 : 0));
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i]!;
  // A set with one class only gets a clipped base rate and no trees.
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, n ? positives / n : 0.5));
  const base = round(Math.log(rate / (1 - rate)));
  if (n === 0 || positives === 0 || positives === n) return { base, trees: [] };

  const edges: number[][] = [];
  const binned: Uint16Array[] = [];
  for (let j = 0; j < d; j++) {
    const column = Float64Array.from(rows, (r) => r[j]!);
    const e = edgesOf(column, o.bins);
    edges.push(e);
    binned.push(Uint16Array.from(column, (v) => binOf(e, v)));
  }

  // One histogram per node: for feature j, bins offset[j] … offset[j] + edges[j].length hold [Σg, Σh] pairs.
  const offset: number[] = [];
  let width = 0;
  for (const e of edges) {
    offset.push(width);
    width += e.length + 1;
  }
  const margin = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: GbdtTree[] = [];
  const leafScore = (G: number, H: number) => (G * G) / (H + o.lambda);
  const histogram = (idx: Uint32Array): Float64Array => {
    const hist = new Float64Array(2 * width);
    for (let j = 0; j < d; j++) {
      if (edges[j]!.length === 0) continue;
      const col = binned[j]!;
      const at = 2 * offset[j]!;
      for (const i of idx) {
        const b = at + 2 * col[i]!;
        hist[b]! += g[i]!;
        hist[b + 1]! += h[i]!;
      }
    }
    return hist;
  };

  for (let r = 0; r < o.rounds; r++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(margin[i]!);
      g[i] = p - y[i]!;
      h[i] = Math.max(p * (1 - p), 1e-12);
    }
    const tree: GbdtTree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const grow = (idx: Uint32Array, hist: Float64Array, level: number): number => {
      const node = tree.feature.length;
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(0);
      let G = 0;
      let H = 0;
      for (const i of idx) {
        G += g[i]!;
        H += h[i]!;
      }
      let best: Split | undefined;
      if (level < o.depth && H >= 2 * o.minChildWeight) {
        const parent = leafScore(G, H);
        for (let j = 0; j < d; j++) {
          const e = edges[j]!;
          const at = 2 * offset[j]!;
          let GL = 0;
          let HL = 0;
          for (let b = 0; b < e.length; b++) {
            GL += hist[at + 2 * b]!;
            HL += hist[at + 2 * b + 1]!;
            const HR = H - HL;
            if (HL < o.minChildWeight || HR < o.minChildWeight) continue;
            const gain = leafScore(GL, HL) + leafScore(G - GL, HR) - parent;
            if (gain > 1e-9 && (!best || gain > best.gain)) best = { feature: j, bin: b, gain };
          }
        }
      }
      if (!best) {
        tree.value[node] = round((-o.learningRate * G) / (H + o.lambda));
        return node;
      }
      const col = binned[best.feature]!;
      const leftList: number[] = [];
      const rightList: number[] = [];
      for (const i of idx) (col[i]! <= best.bin ? leftList : rightList).push(i);
      const leftIdx = Uint32Array.from(leftList);
      const rightIdx = Uint32Array.from(rightList);
      tree.feature[node] = best.feature;
      tree.threshold[node] = edges[best.feature]![best.bin]!;
      // Only the smaller child is counted; the larger one's histogram is the parent's minus it.
      let leftHist: Float64Array | undefined;
      let rightHist: Float64Array | undefined;
      if (level + 1 < o.depth) {
        const small = histogram(leftIdx.length <= rightIdx.length ? leftIdx : rightIdx);
        const large = new Float64Array(hist.length);
        for (let k = 0; k < large.length; k++) large[k] = hist[k]! - small[k]!;
        [leftHist, rightHist] = leftIdx.length <= rightIdx.length ? [small, large] : [large, small];
      }
      const empty = new Float64Array(0);
      tree.left[node] = grow(leftIdx, leftHist ?? empty, level + 1);
      tree.right[node] = grow(rightIdx, rightHist ?? empty, level + 1);
      return node;
    };
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    grow(all, histogram(all), 0);
    const one = { base: 0, trees: [tree] };
    for (let i = 0; i < n; i++) margin[i]! += gbdtMargin(one, rows[i]!);
    trees.push(tree);
  }
  return { base, trees };
}

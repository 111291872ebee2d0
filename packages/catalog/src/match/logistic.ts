/**
 * A small L2-regularised logistic regression, hand-written so the matcher needs no ML dependency and no
 * network model. Features are standardised (mean/scale stored with the weights) and the loss is minimised
 * by full-batch gradient descent with Adam; the start point is all zeros, so training is deterministic.
 */
export interface LogisticFit {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export interface LogisticOptions {
  l2: number;
  iterations: number;
  learningRate: number;
}

const DEFAULTS: LogisticOptions = { l2: 1e-3, iterations: 600, learningRate: 0.05 };

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function predictLogistic(fit: LogisticFit, x: readonly number[]): number {
  let z = fit.bias;
  for (let j = 0; j < fit.weights.length; j++)
    z += fit.weights[j]! * ((x[j]! - fit.mean[j]!) / fit.scale[j]!);
  return sigmoid(z);
}

export function trainLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly boolean[],
  options: Partial<LogisticOptions> = {},
): LogisticFit {
  const o = { ...DEFAULTS, ...options };
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j]! += r[j]! / n;
  for (const r of rows) for (let j = 0; j < d; j++) scale[j]! += (r[j]! - mean[j]!) ** 2 / n;
  // A constant feature keeps scale 1 so it contributes nothing instead of dividing by zero.
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const X = rows.map((r) => r.map((v, j) => (v - mean[j]!) / scale[j]!));
  const w = new Array<number>(d + 1).fill(0); // last = bias
  const m = new Array<number>(d + 1).fill(0);
  const v = new Array<number>(d + 1).fill(0);
  const grad = new Array<number>(d + 1).fill(0);
  for (let it = 1; it <= o.iterations; it++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const x = X[i]!;
      let z = w[d]!;
      for (let j = 0; j < d; j++) z += w[j]! * x[j]!;
      const err = sigmoid(z) - (labels[i] ? 1 : 0);
      for (let j = 0; j < d; j++) grad[j]! += (err * x[j]!) / n;
      grad[d]! += err / n;
    }
    for (let j = 0; j < d; j++) grad[j]! += o.l2 * w[j]!;
    for (let j = 0; j <= d; j++) {
      m[j] = 0.9 * m[j]! + 0.1 * grad[j]!;
      v[j] = 0.999 * v[j]! + 0.001 * grad[j]! ** 2;
      const mh = m[j]! / (1 - 0.9 ** it);
      const vh = v[j]! / (1 - 0.999 ** it);
      w[j]! -= (o.learningRate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return { mean, scale, weights: w.slice(0, d), bias: w[d]! };
}

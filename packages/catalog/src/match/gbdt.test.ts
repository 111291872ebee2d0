import { describe, expect, it } from 'vitest';
import { predictGbdt, trainGbdt } from './gbdt.js';
import { predictLogistic, trainLogistic } from './logistic.js';

/**
 * A deterministic XOR-like grid: match when exactly one of the two inputs is high, plus a noise feature.
 * The quadrants are unequal (a perfectly balanced XOR gives greedy splits no first step).
 */
function xorSet(): { rows: number[][]; labels: boolean[] } {
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (let a = 0; a < 10; a++) {
    for (let b = 0; b < 10; b++) {
      rows.push([a / 9, b / 9, ((a * 7 + b * 3) % 10) / 10]);
      labels.push(a >= 3 !== b >= 6);
    }
  }
  return { rows, labels };
}

const accuracy = (predict: (x: number[]) => number, rows: number[][], labels: boolean[]) =>
  rows.filter((x, i) => predict(x) >= 0.5 === labels[i]).length / rows.length;

describe('trainGbdt', () => {
  it('learns an XOR-like interaction that logistic regression cannot', () => {
    const { rows, labels } = xorSet();
    const trees = trainGbdt(rows, labels, { rounds: 50, depth: 2, learningRate: 0.3, minChildWeight: 0.1 });
    const linear = trainLogistic(rows, labels);
    expect(accuracy((x) => predictGbdt(trees, x), rows, labels)).toBe(1);
    expect(accuracy((x) => predictLogistic(linear, x), rows, labels)).toBeLessThan(0.75);
    // Unseen points inside the four quadrants.
    expect(predictGbdt(trees, [0.9, 0.1, 0.5])).toBeGreaterThan(0.8);
    expect(predictGbdt(trees, [0.1, 0.9, 0.5])).toBeGreaterThan(0.8);
    expect(predictGbdt(trees, [0.1, 0.1, 0.5])).toBeLessThan(0.2);
    expect(predictGbdt(trees, [0.95, 0.95, 0.5])).toBeLessThan(0.2);
  });

  it('is deterministic: the same rows give a byte-identical model', () => {
    const { rows, labels } = xorSet();
    const a = JSON.stringify(trainGbdt(rows, labels, { rounds: 20 }));
    const b = JSON.stringify(trainGbdt(rows, labels, { rounds: 20 }));
    expect(b).toBe(a);
    // Serialising and parsing back predicts exactly the same.
    const fit = trainGbdt(rows, labels, { rounds: 20 });
    const copy = JSON.parse(a) as typeof fit;
    for (const x of rows) expect(predictGbdt(copy, x)).toBe(predictGbdt(fit, x));
  });

  it('answers the base rate without trees when one class is missing, and ignores constant features', () => {
    const one = trainGbdt(
      [
        [1, 0],
        [2, 0],
      ],
      [false, false],
    );
    expect(one.trees).toEqual([]);
    expect(predictGbdt(one, [1, 0])).toBeLessThan(1e-5);
    const fit = trainGbdt(
      [
        [1, 0],
        [1, 1],
        [1, 0],
        [1, 1],
      ],
      [false, true, false, true],
      { rounds: 5, minChildWeight: 0.01 },
    );
    for (const t of fit.trees) expect(t.feature.filter((f) => f === 0)).toEqual([]);
    expect(predictGbdt(fit, [1, 1])).toBeGreaterThan(predictGbdt(fit, [1, 0]));
  });
});

import { describe, expect, it } from 'vitest';
import {
  defaultMatcherModel,
  FEATURE_NAMES,
  GBDT_FORMAT,
  LOGREG_FORMAT,
  parseMatcherModel,
  predictMatch,
} from './learned.js';
import { predictLogistic, trainLogistic } from './logistic.js';
import { matchRecords } from './matcher.js';
import { SIBLING_FEATURE_NAMES } from './siblings.js';

describe('trainLogistic', () => {
  it('separates a separable toy set and is deterministic', () => {
    const rows = [
      [0, 1],
      [0.1, 0.9],
      [0.2, 1],
      [0.9, 0],
      [1, 0.1],
      [0.8, 0.2],
    ];
    const labels = [false, false, false, true, true, true];
    const a = trainLogistic(rows, labels);
    expect(trainLogistic(rows, labels)).toEqual(a);
    expect(predictLogistic(a, [0.95, 0.05])).toBeGreaterThan(0.9);
    expect(predictLogistic(a, [0.05, 0.95])).toBeLessThan(0.1);
  });

  it('ignores a constant feature instead of dividing by zero', () => {
    const fit = trainLogistic(
      [
        [1, 0],
        [1, 1],
      ],
      [false, true],
    );
    expect(fit.scale[0]).toBe(1);
    expect(Number.isFinite(fit.weights[0])).toBe(true);
  });
});

describe('the shipped matcher model', () => {
  it('loads and names exactly the features the matcher computes', () => {
    expect(defaultMatcherModel().features).toEqual([...FEATURE_NAMES]);
  });

  it('rejects a model whose features do not line up', () => {
    const bad = { ...defaultMatcherModel(), features: ['nameCosine'] };
    expect(() => parseMatcherModel(bad)).toThrow(/features must be exactly/);
    const model = defaultMatcherModel();
    const badSibling = { ...model, sibling: { ...model.sibling, weights: [1] } };
    expect(() => parseMatcherModel(badSibling)).toThrow(/sibling: features must be exactly/);
    expect(model.sibling.features).toEqual([...SIBLING_FEATURE_NAMES]);
  });

  it('is the boosted-trees format', () => {
    const model = defaultMatcherModel();
    expect(model.format).toBe(GBDT_FORMAT);
    if (model.format === GBDT_FORMAT) expect(model.trees.length).toBeGreaterThan(0);
  });

  it('rejects trees that would not terminate or name a missing feature', () => {
    const model = defaultMatcherModel();
    if (model.format !== GBDT_FORMAT) throw new Error('expected trees');
    const loop = { feature: [0, -1], threshold: [0.5, 0], left: [0, -1], right: [1, -1], value: [0, 1] };
    expect(() => parseMatcherModel({ ...model, trees: [loop] })).toThrow(/trees\.0: node 0 has children/);
    const missing = {
      feature: [99, -1, -1],
      threshold: [0.5, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, 1, 2],
    };
    expect(() => parseMatcherModel({ ...model, trees: [missing] })).toThrow(/uses feature 99/);
    const ragged = { feature: [-1], threshold: [], left: [-1], right: [-1], value: [0] };
    expect(() => parseMatcherModel({ ...model, trees: [ragged] })).toThrow(/equal length/);
  });

  it('still loads the logistic format (ensemble-matcher-logreg/2)', () => {
    const zeros = (n: number) => new Array<number>(n).fill(0);
    const ones = (n: number) => new Array<number>(n).fill(1);
    const d = FEATURE_NAMES.length;
    const weights = zeros(d);
    weights[0] = 4; // nameCosine
    const model = parseMatcherModel({
      format: LOGREG_FORMAT,
      trainedOn: 'test',
      features: [...FEATURE_NAMES],
      mean: zeros(d),
      scale: ones(d),
      weights,
      bias: -2,
      threshold: 0.5,
      sibling: {
        features: [...SIBLING_FEATURE_NAMES],
        mean: zeros(SIBLING_FEATURE_NAMES.length),
        scale: ones(SIBLING_FEATURE_NAMES.length),
        weights: zeros(SIBLING_FEATURE_NAMES.length),
        bias: 0,
        threshold: 2,
      },
    });
    const x = zeros(d);
    x[0] = 1;
    expect(predictMatch(model, x)).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    const result = matchRecords(
      [{ id: 'a1', name: 'adobe photoshop cs3 upgrade mac' }],
      [{ id: 'g1', name: 'adobe photoshop cs3 upgrade mac' }],
      { model, threshold: model.threshold },
    );
    expect(result.pairs.map((p) => `${p.leftId}-${p.rightId}`)).toEqual(['a1-g1']);
  });

  it('matches obvious pairs and rejects a different version', () => {
    const model = defaultMatcherModel();
    const result = matchRecords(
      [
        { id: 'a1', name: 'adobe photoshop cs3 upgrade mac', brand: 'adobe', price: 199 },
        { id: 'a2', name: 'norton antivirus 2007', price: 39 },
      ],
      [
        { id: 'g1', name: 'adobe photoshop cs3 upgrade (mac)', price: 189 },
        { id: 'g2', name: 'norton antivirus 2005', price: 39 },
        { id: 'g3', name: 'quicken deluxe 2007', price: 59 },
      ],
      { model, threshold: model.threshold },
    );
    expect(result.pairs.map((p) => `${p.leftId}-${p.rightId}`)).toContain('a1-g1');
    expect(result.pairs.map((p) => `${p.leftId}-${p.rightId}`)).not.toContain('a2-g3');
    for (const p of result.pairs) expect(p.score).toBeLessThanOrEqual(1);
  });
});

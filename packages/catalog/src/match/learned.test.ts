import { describe, expect, it } from 'vitest';
import { defaultMatcherModel, FEATURE_NAMES, parseMatcherModel } from './learned.js';
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

import { describe, expect, it } from 'vitest';
import { prepareRecord } from './features.js';
import { assignGreedy, matchRecords } from './matcher.js';
import { MERGE_MATCHER_OPTIONS, ownModelPart } from './merge.js';

describe('prepareRecord (brand-aware normalisation)', () => {
  it('strips the brand and normalises model numbers', () => {
    const a = prepareRecord({ id: '1', name: 'Roland FANTOM-06 Synthesizer', brand: 'Roland' });
    const b = prepareRecord({ id: '2', name: 'Fantom 6', brand: 'Roland Corporation' });
    expect(a.tokens).toEqual(['fantom', '6', 'synthesizer']);
    expect(b.tokens).toEqual(['fantom', '6']);
    expect(a.codes).toContain('fantom6');
    expect(b.codes).toContain('fantom6');
    expect(a.brand).toBe(b.brand);
  });
});

describe('matchRecords', () => {
  const merge = MERGE_MATCHER_OPTIONS;

  it('matches FANTOM-06 to Fantom 6 and keeps Nord Lead A1 apart from Nord Lead 4', () => {
    const result = matchRecords(
      [
        { id: 'c1', name: 'Roland FANTOM-06 Workstation', brand: 'Roland' },
        { id: 'c2', name: 'Nord Lead A1 Synthesizer', brand: 'Nord' },
      ],
      [
        { id: 'o1', name: 'Fantom 6', brand: 'Roland' },
        { id: 'o2', name: 'Fantom 7', brand: 'Roland' },
        { id: 'o3', name: 'Nord Lead 4', brand: 'Nord' },
      ],
      merge,
    );
    expect(result.pairs.map((p) => [p.leftId, p.rightId])).toEqual([['c1', 'o1']]);
    expect(result.unmatchedLeft).toEqual(['c2']);
    expect(result.unmatchedRight).toEqual(['o2', 'o3']);
  });

  it('never matches across brands when brand-aware', () => {
    const result = matchRecords(
      [{ id: 'a', name: 'DS-1 Distortion', brand: 'BOSS' }],
      [{ id: 'b', name: 'DS-1 Distortion', brand: 'Behringer' }],
      merge,
    );
    expect(result.pairs).toEqual([]);
  });

  it('is 1:1 by default and deterministic', () => {
    const left = [
      { id: 'l1', name: 'quicken home inventory manager', price: 30 },
      { id: 'l2', name: 'quicken home inventory', price: 30 },
    ];
    const right = [{ id: 'r1', name: 'quicken home inventory manager', price: 29 }];
    const a = matchRecords(left, right, { extraThreshold: Number.POSITIVE_INFINITY });
    const b = matchRecords(left, right, { extraThreshold: Number.POSITIVE_INFINITY });
    expect(a).toEqual(b);
    expect(a.pairs).toHaveLength(1);
    expect(a.pairs[0]).toMatchObject({ leftId: 'l1', rightId: 'r1' });
  });

  it('lets extra right records join a matched left record above extraThreshold (variants)', () => {
    const result = matchRecords(
      [{ id: 'FP-30X', name: 'FP-30X', brand: 'Roland' }],
      [
        { id: 'bk', name: 'Roland FP-30X BK Digital Piano', brand: 'Roland' },
        { id: 'wh', name: 'Roland FP-30X WH Digital Piano', brand: 'Roland' },
      ],
      merge,
    );
    expect(result.pairs.map((p) => p.rightId)).toEqual(['bk', 'wh']);
  });

  it('reports the pair score', () => {
    const result = matchRecords([{ id: 'a', name: 'Yamaha P-45' }], [{ id: 'b', name: 'Yamaha P45' }]);
    expect(result.pairs[0]!.score).toBeGreaterThan(0.9);
  });
});

describe('assignGreedy', () => {
  it('takes pairs by descending score, ties broken by ids', () => {
    const pairs = assignGreedy([
      { leftId: 'a', rightId: 'x', score: 0.8 },
      { leftId: 'b', rightId: 'x', score: 0.8 },
      { leftId: 'a', rightId: 'y', score: 0.9 },
    ]);
    expect(pairs).toEqual([
      { leftId: 'a', rightId: 'y', score: 0.9 },
      { leftId: 'b', rightId: 'x', score: 0.8 },
    ]);
  });
});

it('ownModelPart drops compatibility clauses', () => {
  expect(ownModelPart('Yamaha L125 Stand for P-125a')).toBe('Yamaha L125 Stand');
  expect(ownModelPart('Roland FP-30X')).toBe('Roland FP-30X');
});

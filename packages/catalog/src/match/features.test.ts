import { describe, expect, it } from 'vitest';
import { inferBrand, partNumbers, prepareRecord, withInferredBrands } from './features.js';
import { assignTwoStage, type ProbabilityRow, twoStagePairs } from './siblings.js';
import { cosine, softCosine, softDirected, tfidfVector, tokenSimilarity } from './vectors.js';

describe('partNumbers (model / part number extraction)', () => {
  it('keeps SKU-like words with 3+ digits, spelled exactly, without separators', () => {
    expect(partNumbers('netmanage rumba web to host ed v4.2 ( 910620-000 )')).toEqual(['910620000']);
    expect(partNumbers('cd28-esk9= cisco ios enterprise services')).toEqual(['cd28esk9']);
    expect(partNumbers('microsoft upg win small business svr cal ( t74-01215 )')).toEqual(['t7401215']);
  });

  it('ignores versions, years and short codes', () => {
    expect(partNumbers('quickbooks pro 2007 v12.0 win32 (mac) 4.2.4')).toEqual([]);
  });

  it('is part of the prepared record', () => {
    expect(prepareRecord({ id: '1', name: 'adobe 22011152 audition2' }).partNumbers).toEqual(['22011152']);
  });
});

describe('brand inference', () => {
  const known = new Set(['adobe', 'punch', 'sony media', 'encore']);

  it('takes a known brand from the leading words, the longest first', () => {
    expect(inferBrand('Adobe 22011152 Audition2 win retail', known)).toBe('adobe');
    expect(inferBrand('punch software 25100 punch! master landscape', known)).toBe('punch');
    expect(inferBrand('sony media software acid pro 6', known)).toBe('sony media');
  });

  it('does not take a brand from the middle of the name', () => {
    expect(inferBrand('premiere pro cs3 with encore cs3', known)).toBe('');
  });

  it('fills in missing brands only, from brands the records carry', () => {
    const out = withInferredBrands([
      { id: 'a', name: 'punch! super home suite', brand: 'Punch! Software' },
      { id: 'g', name: 'punch software 17100 punch! super home suite' },
      { id: 'h', name: 'sony vegas 7', brand: 'Sony Creative' },
    ]);
    expect(out.map((r) => r.brand)).toEqual(['Punch! Software', 'punch', 'Sony Creative']);
    // With the brand known on both sides its words leave the name tokens, so the names now agree.
    const [a, g] = out.map((r) => prepareRecord(r));
    expect(a!.tokens).toEqual(['super', 'home', 'suite']);
    expect(g!.tokens).toEqual(['17100', 'super', 'home', 'suite']);
  });
});

describe('soft TF-IDF', () => {
  it('token similarity: exact, abbreviation prefix, one edit; numbers only exactly', () => {
    expect(tokenSimilarity('deluxe', 'deluxe')).toBe(1);
    expect(tokenSimilarity('immers', 'immersion')).toBe(0.9);
    expect(tokenSimilarity('scrapbok', 'scrapbook')).toBe(0.8);
    expect(tokenSimilarity('dlx', 'deluxe')).toBe(0);
    expect(tokenSimilarity('2005', '2007')).toBe(0);
    expect(tokenSimilarity('200', '2007')).toBe(0);
  });

  it('scores abbreviated names above the plain cosine and equals it when all words match', () => {
    const df = new Map<string, number>();
    const vec = (words: string[]) =>
      tfidfVector(
        words.map((w): [string, number] => [w, 1]),
        df,
        10,
      );
    const a = vec(['instant', 'immersion', 'french', 'deluxe']);
    const b = vec(['instant', 'immers', 'french', 'deluxe']);
    expect(softCosine(a, b)).toBeGreaterThan(cosine(a, b));
    expect(softCosine(a, a)).toBeCloseTo(cosine(a, a), 10);
  });

  it('reports the heaviest word without any counterpart', () => {
    const df = new Map([['advantage', 5]]);
    const vec = (words: string[]) =>
      tfidfVector(
        words.map((w): [string, number] => [w, 1]),
        df,
        10,
      );
    const { unmatched } = softDirected(
      vec(['spanish', 'advantage', '2007']),
      vec(['high', 'school', 'advantage', '2007']),
    );
    expect(unmatched).toBeGreaterThan(0.5);
    expect(softDirected(vec(['advantage', '2007']), vec(['advantage', '2007'])).unmatched).toBe(0);
  });
});

describe('two-stage assignment (1:1, then siblings)', () => {
  const ids = { left: ['a', 'b'], right: ['x', 'y', 'z'] };
  const rows: ProbabilityRow[] = [
    { li: 0, ri: 0, p: 0.9 },
    { li: 0, ri: 1, p: 0.6 },
    { li: 1, ri: 1, p: 0.5 },
    { li: 0, ri: 2, p: 0.4 },
  ];

  it('stage 1 is greedy 1:1 by probability', () => {
    const r = assignTwoStage(rows, ids, (row) => row.p >= 0.3, undefined);
    expect(twoStagePairs(r, ids).map((p) => `${p.leftId}${p.rightId}`)).toEqual(['ax', 'by']);
  });

  it('stage 2 lets a free right record join a matched left record when the sibling model accepts', () => {
    const seen: string[] = [];
    const r = assignTwoStage(
      rows,
      ids,
      (row) => row.p >= 0.3,
      (row, star) => {
        seen.push(`${ids.right[row.ri]}~${ids.right[star.ri]}`);
        return 0.8;
      },
    );
    // y is taken in stage 1 by b, so only z is offered, compared with a's partner x.
    expect(seen).toEqual(['z~x']);
    expect(twoStagePairs(r, ids).map((p) => `${p.leftId}${p.rightId}`)).toEqual(['ax', 'az', 'by']);
  });

  it('a refused sibling stays unmatched', () => {
    const r = assignTwoStage(
      rows,
      ids,
      (row) => row.p >= 0.3,
      () => undefined,
    );
    expect(r.siblings).toEqual([]);
  });
});

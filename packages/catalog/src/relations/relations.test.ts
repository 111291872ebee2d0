import { isEnsembleError } from '@ensemble/protocol';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../pipeline.js';
import type { Product } from '../types.js';
import { buildLinks } from './engine.js';
import { buildLinksNaive } from './naive.js';
import { modelCodes, Profiler } from './profile.js';
import { parseRelationRules, type RelationRules } from './rules.js';
import { jaccard, scoreRelated, scoreTargeted } from './score.js';

const rules = loadRules().relations;
const targeted = new Set([...rules.necessities.groups, ...rules.accessories.groups]);

function product(
  sku: string,
  name: string,
  brand: string,
  category: string | null,
  price: number,
  sourceCategory = '',
): Product {
  return {
    sku,
    name,
    brand,
    price,
    stock: 1,
    inStock: true,
    sourceCategory,
    category,
    imageUrl: `https://img.test/${sku}.jpg`,
    official: null,
  };
}

const profiler = new Profiler(rules);
const p = (...args: Parameters<typeof product>) => profiler.profile(product(...args));

const piano = p('K1', 'Roland FP-30X Digital Piano', 'Roland', 'Keys & Pianos', 749, 'Digital Pianos');
const w = rules.necessities.weights;

describe('necessities scoring', () => {
  it('group + family: a cross-brand keyboard stand', () => {
    const stand = p('S1', 'Bespeco SH10 Keyboard Stand', 'Bespeco', 'Accessories', 39);
    const s = scoreTargeted('necessities', piano, stand, rules.necessities, targeted)!;
    expect(s.score).toBeCloseTo(w.group + w.family);
    expect(s.reasons).toEqual(['needed: mounting ("keyboard stand")', 'fits keys ("keyboard")']);
  });

  it('same brand and model mention add up (capped at 1)', () => {
    const psu = p('P1', 'Roland PSB-1U AC Adapter for FP-30X', 'Roland', 'Accessories', 29);
    const s = scoreTargeted('necessities', piano, psu, rules.necessities, targeted)!;
    expect(s.score).toBe(Math.min(1, w.group + w.genericFamily + w.sameBrand + w.modelMention));
    expect(s.reasons).toContain('same brand (Roland)');
    expect(s.reasons).toContain('names the model (FP30)');
  });

  it('generic items get the generic-family weight only', () => {
    const cable = p('C1', 'Bespeco MIDI Cable 3m', 'Bespeco', 'Accessories', 9);
    const s = scoreTargeted('necessities', piano, cable, rules.necessities, targeted)!;
    expect(s.score).toBeCloseTo(w.group + w.genericFamily);
    expect(s.score).toBeLessThan(rules.necessities.threshold);
  });

  it('an item for another family gets no family weight', () => {
    const guitarCable = p('C2', 'Bespeco Instrument Cable for guitar', 'Bespeco', 'Accessories', 19);
    expect(scoreTargeted('necessities', piano, guitarCable, rules.necessities, targeted)!.score).toBeCloseTo(
      w.group,
    );
  });

  it('only items of the link type groups qualify', () => {
    const bag = p('B1', 'Keyboard Gig Bag', 'Bespeco', 'Accessories', 69);
    expect(scoreTargeted('necessities', piano, bag, rules.necessities, targeted)).toBeNull();
    expect(scoreTargeted('accessories', piano, bag, rules.accessories, targeted)!.reasons[0]).toBe(
      'accessory: cases ("gig bag")',
    );
  });

  it('families can restrict groups: software needs nothing', () => {
    const software = p('SW', 'Steinberg Cubase Pro 13 Software', 'Steinberg', 'Software & Cloud', 579);
    const cable = p('C3', 'Steinberg USB Cable', 'Steinberg', 'Accessories', 9);
    expect(scoreTargeted('necessities', software, cable, rules.necessities, targeted)).toBeNull();
  });
});

describe('directionality', () => {
  it('a keyboard needs its power supply; the power supply needs nothing', () => {
    const psu = p('P1', 'Roland PSB-1U AC Adapter for FP-30X', 'Roland', 'Accessories', 29);
    expect(scoreTargeted('necessities', piano, psu, rules.necessities, targeted)).not.toBeNull();
    expect(scoreTargeted('necessities', psu, piano, rules.necessities, targeted)).toBeNull();
    expect(scoreTargeted('accessories', psu, piano, rules.accessories, targeted)).toBeNull();
  });

  it('buildLinks emits links only from main products to targets', () => {
    const products = [
      product('K1', 'Roland FP-30X Digital Piano', 'Roland', 'Keys & Pianos', 749),
      product('P1', 'Roland PSB-1U AC Adapter for FP-30X', 'Roland', 'Accessories', 29),
    ];
    const { links } = buildLinks(products, rules);
    expect(links.get('K1')!.necessities.map((l) => l.to)).toEqual(['P1']);
    expect(links.get('P1')).toEqual({ necessities: [], accessories: [], related: [] });
  });
});

describe('related scoring', () => {
  const rw = rules.related.weights;
  it('same category + subcategory + price within the window + name overlap', () => {
    const other = p('K2', 'Yamaha P-125 Digital Piano', 'Yamaha', 'Keys & Pianos', 649, 'Digital Pianos');
    const s = scoreRelated(piano, other, rules.related, targeted)!;
    expect(s.score).toBe(
      Math.min(1, rw.sameCategory + rw.sameSourceCategory + rw.priceSimilar + rw.nameOverlap),
    );
    expect(s.reasons).toContain('similar price (649.00 vs 749.00, within 50 %)');
    expect(s.reasons).toContain('name overlap 100 % (digital, piano)');
  });

  it('price outside the window and no subcategory: below threshold', () => {
    const grand = p('K3', 'Yamaha Clavinova CLP-745', 'Yamaha', 'Keys & Pianos', 3399, 'Home Pianos');
    const s = scoreRelated(piano, grand, rules.related, targeted)!;
    expect(s.score).toBeCloseTo(rw.sameCategory);
    expect(s.score).toBeLessThan(rules.related.threshold);
  });

  it('same brand counts; other categories and accessories never relate', () => {
    const sibling = p('K4', 'Roland FP-60X', 'Roland', 'Keys & Pianos', 1199, 'Digital Pianos');
    expect(scoreRelated(piano, sibling, rules.related, targeted)!.reasons).toContain('same brand (Roland)');
    const amp = p('G1', 'Roland JC-40 Guitar Amplifier', 'Roland', 'Guitars & Amps', 749);
    expect(scoreRelated(piano, amp, rules.related, targeted)).toBeNull();
    const stand = p('S1', 'Roland Keyboard Stand', 'Roland', 'Keys & Pianos', 749);
    expect(scoreRelated(piano, stand, rules.related, targeted)).toBeNull();
  });

  it('jaccard', () => {
    expect(jaccard(['a', 'b'], ['b', 'c'])).toEqual({ value: 1 / 3, shared: ['b'] });
    expect(jaccard([], [])).toEqual({ value: 0, shared: [] });
  });
});

describe('limits and thresholds', () => {
  it('keeps at most `limit` links above `threshold`, best first, ties by stock then SKU', () => {
    const products = [product('K1', 'Roland FP-30X Digital Piano', 'Roland', 'Keys & Pianos', 749)];
    for (let i = 0; i < 9; i++)
      products.push(product(`S${i}`, `Bespeco SH${i}0 Keyboard Stand`, 'Bespeco', 'Accessories', 40));
    products.push(product('R1', 'Roland KS-10Z Keyboard Stand', 'Roland', 'Accessories', 79));
    const { links } = buildLinks(products, rules);
    const n = links.get('K1')!.necessities;
    expect(n.map((l) => l.to)).toEqual(['R1', 'S0', 'S1', 'S2', 'S3']);
    const strict: RelationRules = { ...rules, necessities: { ...rules.necessities, threshold: 0.7 } };
    expect(
      buildLinks(products, strict)
        .links.get('K1')!
        .necessities.map((l) => l.to),
    ).toEqual(['R1']);
  });
});

it('modelCodes only takes letter-prefixed codes', () => {
  expect(modelCodes('Roland FP-30X')).toEqual(['fp30', 'fp30x']);
  expect(modelCodes('Boss BCB-30X Pedal Board')).toEqual(['bcb30', 'bcb30x']);
  expect(modelCodes('Cable 61 keys')).toEqual([]);
});

describe('relationship rules file', () => {
  it('has the default thresholds and limits', () => {
    expect([rules.necessities.threshold, rules.accessories.threshold, rules.related.threshold]).toEqual([
      0.6, 0.6, 0.7,
    ]);
    expect([rules.necessities.limit, rules.accessories.limit, rules.related.limit]).toEqual([5, 8, 6]);
  });

  it('names the bad key', () => {
    const bad = structuredClone(rules) as unknown as Record<string, Record<string, unknown>>;
    bad.necessities!.groups = ['power', 'pwoer'];
    try {
      parseRelationRules(bad);
      expect.unreachable();
    } catch (error) {
      expect(isEnsembleError(error, 'ENSEMBLE_CONFIG')).toBe(true);
      expect((error as Error).message).toContain('necessities.groups.1: unknown keyword group "pwoer"');
    }
  });
});

describe('indexed engine vs all-pairs baseline', () => {
  it('finds the same links on a mixed catalog', () => {
    const products = [
      product('K1', 'Roland FP-30X Digital Piano', 'Roland', 'Keys & Pianos', 749, 'Digital Pianos'),
      product('K2', 'Yamaha P-125 Digital Piano', 'Yamaha', 'Keys & Pianos', 649, 'Digital Pianos'),
      product('K3', 'Yamaha P-45 Digital Piano', 'Yamaha', 'Keys & Pianos', 449, 'Digital Pianos'),
      product('G1', 'BOSS DS-1 Distortion', 'BOSS', 'Guitars & Amps', 69, 'Effects'),
      product('G2', 'BOSS SD-1 Overdrive', 'BOSS', 'Guitars & Amps', 69, 'Effects'),
      product('A1', 'BOSS PSA-230S Power Adapter for DS-1 effects', 'BOSS', 'Accessories', 19),
      product('A2', 'Yamaha PA-150 Power Adapter for P-45, P-125', 'Yamaha', 'Accessories', 39),
      product('A3', 'Bespeco Keyboard Stand', 'Bespeco', 'Accessories', 39),
      product('A4', 'Bespeco Sustain Pedal for keyboard', 'Bespeco', 'Accessories', 19),
      product('A5', 'Bespeco Guitar Cable 3m', 'Bespeco', 'Accessories', 19),
    ];
    const fast = buildLinks(products, rules).links;
    const slow = buildLinksNaive(products, rules).links;
    for (const sku of products.map((x) => x.sku)) expect(fast.get(sku)).toEqual(slow.get(sku));
    expect(fast.get('K3')!.necessities[0]!.to).toBe('A2');
  });
});

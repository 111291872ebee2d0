import { isEnsembleError } from '@ensemble/protocol';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, loadRules } from '../pipeline.js';
import { CategoryMapper, unmappedReport } from './consolidate.js';
import { parseCategoryRules, UNIVERSAL_CATEGORIES } from './rules.js';

describe('CategoryMapper with the default rules', () => {
  const mapper = new CategoryMapper(loadRules(DEFAULT_RULES_DIR).categories);

  it.each([
    ['Keyboards > Synthesizers', 'Keys & Pianos'],
    ['Guitars > Guitar Synthesizers', 'Guitars & Amps'],
    ['Accessories > Keyboard Stands', 'Accessories'],
    ['DJ > Drum Machines', 'DJ & Production'],
    ['PA > Active Speakers', 'Live Sound'],
    ['Studio > Audio Interfaces', 'Studio & Recording'],
    ['Software > DAW', 'Software & Cloud'],
    ['Drums > Drum Hardware', 'Drums & Percussion'],
    ['Home Recording/Microphones', 'Studio & Recording'],
    ['Digital pianos', 'Keys & Pianos'],
  ])('%s → %s', (source, category) => {
    expect(mapper.map(source).category).toBe(category);
  });

  it('leaves unknown categories unmapped and reports them', () => {
    expect(mapper.map('Outlet')).toEqual({ category: null, reason: 'no rule matches "Outlet"' });
    expect(mapper.map('').category).toBeNull();
    expect(
      unmappedReport([
        { sourceCategory: 'Outlet', category: null },
        { sourceCategory: 'Gifts', category: null },
        { sourceCategory: 'Outlet', category: null },
        { sourceCategory: 'Keys', category: 'Keys & Pianos' },
      ]),
    ).toEqual([
      { sourceCategory: 'Outlet', products: 2 },
      { sourceCategory: 'Gifts', products: 1 },
    ]);
  });

  it('says why', () => {
    expect(mapper.map('Keyboards > Synthesizers').reason).toBe(
      'source category "Keyboards" listed for Keys & Pianos',
    );
  });
});

describe('category rules file', () => {
  it('ships the eight universal categories', () => {
    expect(loadRules().categories.categories).toEqual([...UNIVERSAL_CATEGORIES]);
  });

  it('rejects a rule for an unknown category, naming the key', () => {
    try {
      parseCategoryRules({ categories: ['Keys'], rules: [{ category: 'Kyes', keywords: ['piano'] }] });
      expect.unreachable();
    } catch (error) {
      expect(isEnsembleError(error, 'ENSEMBLE_CONFIG')).toBe(true);
      expect((error as Error).message).toContain('rules.0.category: unknown category "Kyes"');
    }
  });
});

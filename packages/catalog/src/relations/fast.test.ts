import { describe, expect, it } from 'vitest';
import { buildCatalog, DEMO_CATALOG_DIR, loadRules } from '../pipeline.js';
import { profileAll } from './engine.js';
import { ProfileArrays } from './fast.js';
import { isTargetItem, scoreRelated, scoreTargeted } from './score.js';

describe('ProfileArrays (the candidate loop’s numeric scoring)', () => {
  it('gives exactly the scores of scoreTargeted / scoreRelated on every pair of the demo', () => {
    const rules = loadRules();
    const { products } = buildCatalog({ inDir: DEMO_CATALOG_DIR, rules });
    const { profiles, targeted } = profileAll(products, rules.relations);
    const arrays = new ProfileArrays(profiles, rules.relations);
    const r = rules.relations;
    let checked = 0;
    for (let s = 0; s < profiles.length; s++) {
      const source = profiles[s]!;
      if (isTargetItem(source, targeted)) continue;
      for (let t = 0; t < profiles.length; t++) {
        const target = profiles[t]!;
        for (const type of ['necessities', 'accessories'] as const) {
          const slow = scoreTargeted(type, source, target, r[type], targeted, false)?.score ?? -1;
          expect(arrays.targeted(type, s, t, r[type])).toBe(slow);
        }
        if (isTargetItem(target, targeted)) continue;
        const slow = scoreRelated(source, target, r.related, targeted, false)?.score ?? -1;
        const fast = arrays.related(s, t, r.related, r.related.threshold);
        // Below the threshold the fast path may stop early (-1); at or above it the values agree.
        if (slow >= r.related.threshold || fast !== -1) expect(fast).toBe(slow);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from './schema.js';

describe('docs/configuration.md', () => {
  it('documents every setting with its variable, flag and key', () => {
    const doc = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');
    for (const [name, setting] of Object.entries(SETTINGS)) {
      expect(doc, `missing ${setting.env}`).toContain(
        `| \`${setting.env}\` | \`${setting.flag}\` | \`${name}\` |`,
      );
    }
  });
});

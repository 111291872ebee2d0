import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';

describe('time-travel settings', () => {
  it('default to a checkpoint every 1000 updates and 8 cached documents', () => {
    const config = loadConfig({ env: {} });
    expect(config.historyCheckpointEvery).toBe(1_000);
    expect(config.historyCachedDocs).toBe(8);
  });

  it('accept values in range from env and flags', () => {
    const config = loadConfig({
      env: { ENSEMBLE_HISTORY_CHECKPOINT_EVERY: '250' },
      flags: { historyCachedDocs: '0' },
    });
    expect(config.historyCheckpointEvery).toBe(250);
    expect(config.historyCachedDocs).toBe(0);
  });

  it('refuse spacings and cache sizes out of range, naming the setting', () => {
    for (const value of ['0', '99', '100001', '1.5', 'often'])
      expect(() => loadConfig({ env: { ENSEMBLE_HISTORY_CHECKPOINT_EVERY: value } })).toThrow(
        /ENSEMBLE_HISTORY_CHECKPOINT_EVERY/,
      );
    for (const value of ['-1', '1001'])
      expect(() => loadConfig({ env: { ENSEMBLE_HISTORY_CACHED_DOCS: value } })).toThrow(
        /ENSEMBLE_HISTORY_CACHED_DOCS/,
      );
  });
});

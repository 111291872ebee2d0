import type { Platform } from '../domain/types.js';
import { facebookAdapter } from './facebook.js';
import { instagramAdapter } from './instagram.js';
import { linkedinAdapter } from './linkedin.js';
import type { PlatformAdapter, PlatformConfig } from './types.js';

export type Adapters = Record<Platform, PlatformAdapter>;

export function createAdapters(config: PlatformConfig): Adapters {
  return {
    facebook: facebookAdapter(config),
    instagram: instagramAdapter(config),
    linkedin: linkedinAdapter(config),
  };
}

// Storybook preset: `addons: ['@ensemble/storybook-addon']` (or a path to this file) registers the
// decorator (preview) and the panel (manager). Plain JS because Storybook loads presets in Node.
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export const previewAnnotations = (entries = []) => [...entries, here('./src/preview.tsx')];
export const managerEntries = (entries = []) => [...entries, here('./src/manager.tsx')];

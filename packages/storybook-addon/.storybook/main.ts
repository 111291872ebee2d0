import type { StorybookConfig } from '@storybook/react-vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, mergeConfig } from 'vite';

/**
 * Ensemble's own Storybook, "the multiplayer documentation environment": every story is a room.
 * `npm run storybook` proxies `/api` and `/sync` to ENSEMBLE_DEV_BACKEND (default
 * http://127.0.0.1:4400, i.e. `npm start`), so the addon's default same-origin server URL works.
 */
const backend = process.env.ENSEMBLE_DEV_BACKEND ?? 'http://127.0.0.1:4400';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  // Registered by package name, as any project would: Storybook picks up its `./preview` (the
  // decorator) and `./manager` (the panel) exports.
  addons: ['@ensemble/storybook-addon'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Stories declare their argTypes; skipping docgen keeps `build-storybook` fast.
  typescript: { reactDocgen: false },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      plugins: [react()],
      // Workspace packages (`@ensemble/client`…) are used from source: no build step needed.
      resolve: { conditions: ['source', ...defaultClientConditions] },
      server: {
        proxy: {
          '/api': { target: backend, changeOrigin: true },
          '/sync': { target: backend, changeOrigin: true, ws: true },
        },
      },
    }),
};

export default config;

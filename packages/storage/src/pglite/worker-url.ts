import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * How to start the worker. Compiled builds run `worker.js` directly. Tests and `tsx` run from source,
 * where a worker cannot load `.ts` and ignores `--import` in its execArgv, so a tiny bootstrap
 * registers tsx's loader inside the worker first.
 */
export function pgliteWorkerEntry(): { script: URL | string; eval: boolean } {
  if (!import.meta.url.endsWith('.ts')) {
    return { script: new URL('./worker.js', import.meta.url), eval: false };
  }
  // require.resolve picks tsx's CommonJS entry; its ESM twin sits beside it.
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/index\.cjs$/, 'index.mjs'),
  ).href;
  const worker = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); });`;
  return { script: bootstrap, eval: true };
}

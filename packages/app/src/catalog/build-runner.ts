import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BuildSummary } from '@ensemble/catalog';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { BuildPhase, BuildWorkerInput, BuildWorkerMessage } from './build-messages.js';

/**
 * How to start the worker — the pattern of `@ensemble/storage`'s PGlite worker: compiled builds run
 * `build-worker.js`; from source (tests, tsx) a worker cannot load `.ts`, so a tiny bootstrap registers
 * tsx's loader first, and `--conditions=source` makes `@ensemble/catalog` resolve to its sources as it
 * does on the main thread.
 */
function buildWorkerEntry(): { script: URL | string; eval: boolean; execArgv: string[] } {
  if (!import.meta.url.endsWith('.ts')) {
    return { script: new URL('./build-worker.js', import.meta.url), eval: false, execArgv: [] };
  }
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/index\.cjs$/, 'index.mjs'),
  ).href;
  const worker = new URL('./build-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(worker)}); });`;
  return { script: bootstrap, eval: true, execArgv: ['--conditions=source'] };
}

const CODES = new Set<string>(Object.values(ErrorCode));
const knownCode = (code: string | undefined): ErrorCode =>
  code !== undefined && CODES.has(code) ? (code as ErrorCode) : ErrorCode.Internal;

/**
 * Builds the catalog from `inDir` into `outDir` in a worker thread; `onPhase` sees each phase. Resolves
 * with the summary once the export is written; rejects (and the worker is gone) on any failure.
 */
export function buildInWorker(
  input: BuildWorkerInput,
  onPhase: (phase: BuildPhase) => void = () => {},
): Promise<BuildSummary> {
  const entry = buildWorkerEntry();
  const worker = new Worker(entry.script, { workerData: input, eval: entry.eval, execArgv: entry.execArgv });
  return new Promise<BuildSummary>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on('message', (message: BuildWorkerMessage) => {
      if (message.type === 'progress') onPhase(message.phase);
      else if (message.type === 'done') settle(() => resolve(message.summary));
      else settle(() => reject(new EnsembleError(knownCode(message.code), message.message)));
    });
    worker.on('error', (error) =>
      settle(() =>
        reject(new EnsembleError(ErrorCode.Internal, `catalog build worker failed: ${error.message}`)),
      ),
    );
    worker.on('exit', (code) =>
      settle(() => reject(new EnsembleError(ErrorCode.Internal, `catalog build worker exited (${code})`))),
    );
  }).finally(() => {
    void worker.terminate();
  });
}

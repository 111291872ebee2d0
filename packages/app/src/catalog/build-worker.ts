/**
 * Worker-thread entry of a catalog rebuild (started by `build-runner.ts`). The build is seconds of pure
 * CPU (100k products: about a minute), so it must not run on the server's event loop. Reads the sources,
 * writes the export into `outDir` (a fresh `catalog.next` the main thread swaps in) and reports phases.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildCatalog, writeCatalog } from '@ensemble/catalog';
import { isEnsembleError } from '@ensemble/protocol';
import type { BuildWorkerInput, BuildWorkerMessage } from './build-messages.js';

const input = workerData as BuildWorkerInput;
const post = (message: BuildWorkerMessage) => parentPort!.postMessage(message);

try {
  const result = buildCatalog({
    inDir: input.inDir,
    onPhase: (phase) => post({ type: 'progress', phase }),
  });
  post({ type: 'progress', phase: 'write' });
  writeCatalog(input.outDir, result);
  post({ type: 'done', summary: result.summary });
} catch (error) {
  const code = isEnsembleError(error) ? error.code : undefined;
  post({ type: 'error', code, message: error instanceof Error ? error.message : String(error) });
}

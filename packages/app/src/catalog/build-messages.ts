import type { BuildSummary } from '@ensemble/catalog';

/** `workerData` of the rebuild worker. */
export interface BuildWorkerInput {
  inDir: string;
  /** Where to write the export (must not be the live directory). */
  outDir: string;
}

/** Phases as the API reports them: the pipeline's own, then `write` (export files). */
export type BuildPhase = 'import' | 'merge' | 'categories' | 'links' | 'write';

export type BuildWorkerMessage =
  | { type: 'progress'; phase: BuildPhase }
  | { type: 'done'; summary: BuildSummary }
  | { type: 'error'; message: string; code?: string | undefined };

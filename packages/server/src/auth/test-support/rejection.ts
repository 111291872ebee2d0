import { EnsembleError } from '@ensemble/protocol';

/** Awaits `promise`, which must reject with an `EnsembleError`, and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<EnsembleError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EnsembleError) return error;
    throw new Error(`expected an EnsembleError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** Runs `fn`, which must throw an `EnsembleError`, and returns that error. */
export function thrown(fn: () => unknown): EnsembleError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EnsembleError) return error;
    throw new Error(`expected an EnsembleError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the function to throw, but it returned');
}

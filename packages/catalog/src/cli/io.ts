import { isEnsembleError } from '@ensemble/protocol';

/** Where a CLI run writes: results to stdout, progress and errors to stderr. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Prints an error as `ensemble catalog: message [CODE]` and returns the exit code for it. */
export function reportError(io: CliIo, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  const code = isEnsembleError(error) ? ` [${error.code}]` : '';
  io.stderr.write(`ensemble catalog: ${message}${code}\n`);
  return EXIT_FAILURE;
}

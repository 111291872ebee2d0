import type { PlatformError } from '../platforms/platform-error.js';
import type { Published } from '../platforms/types.js';

/** What one attempt concluded; `settle` writes it (fenced by the attempt's lease). */
export type Outcome =
  | ({ kind: 'published'; foundExisting: boolean } & Published)
  | { kind: 'retry'; at: Date; error: PlatformError }
  | { kind: 'failed'; code: string; message: string; error?: PlatformError | undefined }
  | { kind: 'unconfirmed'; message: string; error?: PlatformError | undefined };

import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { z } from 'zod';

/**
 * Parses a service method's params (none count as `{}`) or throws one BadRequest naming every bad
 * field, e.g. `invalid activity request: limit: Number must be less than or equal to 500`, so a bad
 * request changes nothing and the caller learns what to fix.
 */
export function parseParams<T>(schema: z.ZodType<T>, params: unknown, what: string): T {
  const result = schema.safeParse(params ?? {});
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; ');
    throw new EnsembleError(ErrorCode.BadRequest, `invalid ${what}: ${detail}`);
  }
  return result.data;
}

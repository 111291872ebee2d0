import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import type { z } from 'zod';

/** Validates `value` with a zod schema; on failure throws ENSEMBLE_CONFIG naming each bad key path. */
export function parseWithSchema<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  throw new EnsembleError(ErrorCode.Config, `${what} is invalid — ${problems.join('; ')}`);
}

import { EnsembleError, type ErrorBody, ErrorCode } from '@ensemble/protocol';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { DatabaseHealth } from '../runtime/database-health.js';

const STATUS_BY_CODE: Partial<Record<string, number>> = {
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.AuthMissing]: 401,
  [ErrorCode.AuthMalformed]: 401,
  [ErrorCode.AuthExpired]: 401,
  [ErrorCode.AuthBadSignature]: 401,
  [ErrorCode.AuthInvalidClaims]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.Locked]: 409,
  [ErrorCode.AuthUnavailable]: 503,
  [ErrorCode.DatabaseUnavailable]: 503,
  [ErrorCode.NotReady]: 503,
};

export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 500;
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** Fastify's own error codes that are the caller's fault, mapped to ours. */
const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: ErrorCode.PayloadTooLarge },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: ErrorCode.BadRequest },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: ErrorCode.BadRequest },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: ErrorCode.BadRequest },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: ErrorCode.BadRequest },
};

/**
 * One place turns every failure into `{ error: { code, message } }`. Client mistakes say what was
 * wrong; server faults are logged with the request id and never leak a stack trace.
 */
export function installErrorHandling(app: FastifyInstance, health: DatabaseHealth): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const problems = error.validation.map((v) => {
        const where = [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.');
        return { path: where, message: v.message ?? 'invalid' };
      });
      const message = `invalid request: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
      return reply.status(400).send(errorBody(ErrorCode.BadRequest, message, problems));
    }
    if (error instanceof EnsembleError) {
      health.observe(error);
      const status = statusForCode(error.code);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(status).send(errorBody(error.code, error.message));
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return reply.status(known.status).send(errorBody(known.code, error.message));
    if (
      error instanceof SyntaxError ||
      (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    ) {
      return reply
        .status(error.statusCode && error.statusCode < 500 ? error.statusCode : 400)
        .send(errorBody(ErrorCode.BadRequest, error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send(errorBody(ErrorCode.Internal, `internal server error (request ${String(request.id)})`));
  });
}

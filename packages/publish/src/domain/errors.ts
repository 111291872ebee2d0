/**
 * Publish's own error codes for rule violations the shared ErrorCode set does not name. The HTTP
 * layer maps them to 409 Conflict; everything else uses EnsembleError codes (NotFound, BadRequest…).
 */
export const PublishErrorCode = {
  /** The post is not in a state that allows the operation (e.g. cancel after publishing began). */
  InvalidState: 'ENSEMBLE_PUBLISH_INVALID_STATE',
  /** The caller edited an older version of the post than the one stored. */
  VersionConflict: 'ENSEMBLE_PUBLISH_VERSION_CONFLICT',
  /** The account cannot publish (disconnected, or its token needs re-authorization). */
  AccountUnavailable: 'ENSEMBLE_PUBLISH_ACCOUNT_UNAVAILABLE',
} as const;
export type PublishErrorCode = (typeof PublishErrorCode)[keyof typeof PublishErrorCode];

export class PublishConflictError extends Error {
  readonly code: PublishErrorCode;

  constructor(code: PublishErrorCode, message: string) {
    super(message);
    this.name = 'PublishConflictError';
    this.code = code;
  }
}

export function isPublishConflict(error: unknown): error is PublishConflictError {
  return error instanceof PublishConflictError;
}

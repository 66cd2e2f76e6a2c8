/**
 * Base of every error a service throws on purpose. The code is machine-readable and stable; the
 * global filter maps it to an HTTP status and the contract's error body. Messages must never carry a
 * secret: they are returned to the caller as written.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;

  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An error built from a code and a status, for the common cases that need no class of their own. */
export class HttpDomainError extends DomainError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(
    readonly code: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

export class ValidationFailedError extends DomainError {
  readonly status = 400;
  readonly code = 'VALIDATION_FAILED';
}

export class ConflictError extends DomainError {
  readonly status = 409;
  constructor(
    readonly code: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

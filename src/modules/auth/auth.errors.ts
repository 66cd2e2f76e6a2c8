import { DomainError } from '../../common/errors/domain-error';

export class InvalidGoogleTokenError extends DomainError {
  readonly status = 401;
  readonly code = 'INVALID_GOOGLE_TOKEN';
  constructor() {
    super('The Google ID token is invalid, expired or not issued to this application');
  }
}

export class GoogleEmailNotVerifiedError extends DomainError {
  readonly status = 403;
  readonly code = 'GOOGLE_EMAIL_NOT_VERIFIED';
  constructor() {
    super('The Google account has no verified email address');
  }
}

export class GoogleSignInDisabledError extends DomainError {
  readonly status = 503;
  readonly code = 'GOOGLE_SIGN_IN_DISABLED';
  constructor() {
    super('Google sign-in is not configured on this service (AUTH_GOOGLE_CLIENT_ID)');
  }
}

/** Unknown, expired, revoked or reused: one answer, so a caller learns nothing about which. */
export class InvalidRefreshTokenError extends DomainError {
  readonly status = 401;
  readonly code = 'INVALID_REFRESH_TOKEN';
  constructor() {
    super('The refresh token is invalid, expired or already used');
  }
}

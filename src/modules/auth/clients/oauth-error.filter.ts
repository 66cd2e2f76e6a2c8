import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ValidationFailedError } from '../../../common/errors/domain-error';
import { OAuthError } from './oauth.errors';

/** The token endpoint speaks RFC 6749 §5.2 (`{ error, error_description }`), not the API's error body. */
@Catch(OAuthError, ValidationFailedError)
export class OAuthErrorFilter implements ExceptionFilter {
  catch(exception: OAuthError | ValidationFailedError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const error = exception instanceof OAuthError ? exception : new OAuthError(400, 'invalid_request', exception.message);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    res.status(error.status).json({ error: error.error, error_description: error.description });
  }
}

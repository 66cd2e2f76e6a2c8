import express, { type NextFunction, type Request, type Response } from 'express';
import { HttpDomainError } from '../errors/domain-error';
import { HttpErrorCode } from '../errors/http-error-codes';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** Turns body-parser's errors into domain errors, which Nest's filter passes through unchanged. */
function toDomainError(error: BodyParserError, limit: number): Error {
  switch (error.type) {
    case 'entity.too.large':
      return new HttpDomainError(413, HttpErrorCode.PAYLOAD_TOO_LARGE, `Request body exceeds the limit of ${limit} bytes`, { limit_bytes: limit });
    case 'entity.parse.failed':
      return new HttpDomainError(400, HttpErrorCode.MALFORMED_JSON, 'Request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpDomainError(415, HttpErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Request body encoding is not supported');
    default:
      return new HttpDomainError(error.status && error.status < 500 ? error.status : 400, HttpErrorCode.BAD_REQUEST, 'Request body could not be read');
  }
}

/** JSON and form bodies with one explicit size limit; multipart is handled per route. */
export function bodyParsers(limit: number) {
  const parsers = [express.json({ limit }), express.urlencoded({ extended: false, limit })];
  return parsers.map((parser) => (req: Request, res: Response, next: NextFunction) =>
    parser(req, res, (error?: unknown) => (error ? next(toDomainError(error as BodyParserError, limit)) : next())),
  );
}

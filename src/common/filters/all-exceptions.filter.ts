import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { ErrorBody, errorBody } from '../errors/error-body';
import { codeForStatus, HttpErrorCode } from '../errors/http-error-codes';
import { requestIdOf } from '../http/request-id.middleware';

interface MappedError {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * The one place errors become HTTP responses, all in the contract's body. Domain errors keep their
 * code; Nest's HTTP exceptions get a code from their status; anything else is a bare 500 whose cause
 * is logged with the request id and never sent to the caller.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const mapped = this.map(exception, req);
    const requestId = requestIdOf(req);
    if (mapped.status >= 500) {
      this.logger.error({ err: exception instanceof Error ? exception : new Error(String(exception)), request_id: requestId }, 'Unhandled error');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const body: ErrorBody = errorBody(requestId, mapped.code, mapped.message, mapped.details);
    res.status(mapped.status).json(body);
  }

  private map(exception: unknown, req: Request): MappedError {
    if (exception instanceof DomainError) {
      return { status: exception.status, code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) return this.mapHttpException(exception, req);
    return { status: 500, code: HttpErrorCode.INTERNAL_ERROR, message: 'Internal server error' };
  }

  private mapHttpException(exception: HttpException, req: Request): MappedError {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    if (status === 404 && /^Cannot [A-Z]+ /.test(String(body.message ?? exception.message))) {
      return { status, code: HttpErrorCode.ROUTE_NOT_FOUND, message: `No route for ${req.method} ${req.path}` };
    }
    if (status >= 500) return { status, code: codeForStatus(status), message: status === 503 ? 'Service unavailable' : 'Internal server error' };
    const code = typeof body.code === 'string' ? body.code : codeForStatus(status);
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? exception.message);
    return { status, code, message };
  }
}

import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'pino';
import { redactUrl } from './redact';

/**
 * One log line per request when the response is finished: method, route pattern, path, status and
 * duration. The route pattern (`/api/sessions/:id`) groups requests better than the raw path.
 */
export function httpLoggerMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const route = (req.route as { path?: string } | undefined)?.path;
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      logger[level](
        {
          request_id: res.getHeader('x-request-id'),
          method: req.method,
          route: route ? `${req.baseUrl}${route}` : undefined,
          path: redactUrl(req.originalUrl),
          status,
          duration_ms: Math.round(durationMs * 100) / 100,
        },
        'request completed',
      );
    });
    next();
  };
}

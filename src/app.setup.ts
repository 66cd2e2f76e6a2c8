import { INestApplication, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'pino';
import { bodyParsers } from './common/http/body-parsers';
import { requestIdMiddleware } from './common/http/request-id.middleware';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { validationFailed } from './common/errors/validation-details';
import { httpLoggerMiddleware } from './common/logging/http-logger.middleware';
import { AppConfig } from './config/app-config';
import { CoreEnv } from './config/env';
import { setupSwagger } from './swagger';

/**
 * Everything the HTTP application needs beyond its modules, shared by main.ts and the e2e tests so
 * both run the same stack. Middleware order matters: the request id comes first so every later log
 * line and error body carries it.
 */
export function setupApp(app: NestExpressApplication, logger: Logger): void {
  const env = app.get(AppConfig).get(CoreEnv);
  if (env.TRUST_PROXY) app.set('trust proxy', true);
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(httpLoggerMiddleware(logger));
  app.use(
    helmet({
      // Swagger UI needs inline styles and scripts; everything else keeps helmet's defaults.
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
      },
    }),
  );
  app.enableCors({
    origin: env.CORS_ORIGINS.length > 0 ? env.CORS_ORIGINS : false,
    exposedHeaders: ['x-request-id'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'accept'],
  });
  for (const parser of bodyParsers(env.REQUEST_BODY_LIMIT_BYTES)) app.use(parser);
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationFailed,
    }),
  );
  app.enableShutdownHooks();
  if (env.SWAGGER_ENABLED) setupSwagger(app as INestApplication);
}

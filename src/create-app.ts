import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'pino';
import { AppModule } from './app.module';
import { setupApp } from './app.setup';
import { NestLoggerAdapter } from './common/logging/nest-logger.adapter';

/** Builds the configured application without listening; main.ts and the benchmarks call this. */
export async function createApp(logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    logger: new NestLoggerAdapter(logger),
    abortOnError: false,
  });
  setupApp(app, logger);
  return app;
}

import type { Type } from '@nestjs/common';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Writable } from 'node:stream';
import pino from 'pino';
import { AppModule } from '../../src/app.module';
import { setupApp } from '../../src/app.setup';
import { createLogger } from '../../src/common/logging/create-logger';
import { NestLoggerAdapter } from '../../src/common/logging/nest-logger.adapter';
import { AppConfig } from '../../src/config/app-config';
import { DATABASE_CONNECTION, DatabaseConnection } from '../../src/database/database-connection';

export interface TestApp {
  app: NestExpressApplication;
  /** Every log line the app wrote, for tests that check what reaches the logs. */
  logs: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  db: DatabaseConnection;
  env?: Record<string, string>;
  /** Extra overrides (fake LLMs, clocks) applied to the module before it compiles. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** Test-only controllers mounted beside the application's own. */
  controllers?: Type[];
}

/**
 * The whole application as main.ts builds it, on a test database, with configuration from `env`
 * only (never the developer's environment) and logs captured in memory.
 */
export async function createTestApp(options: TestAppOptions): Promise<TestApp> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const env = { NODE_ENV: 'test', LOG_LEVEL: 'debug', LOG_FORMAT: 'json', DATA_DIR: 'memory://unused', ...options.env };
  const config = new AppConfig(env);
  const logger = createLogger({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json' }, sink as unknown as pino.DestinationStream);
  let builder = Test.createTestingModule({ imports: [AppModule], controllers: options.controllers ?? [] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(DATABASE_CONNECTION)
    .useValue({ ...options.db, close: async () => undefined });
  if (options.override) builder = options.override(builder);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: new NestLoggerAdapter(logger) });
  setupApp(app, logger);
  await app.init();
  return { app, logs, close: () => app.close() };
}

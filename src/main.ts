import 'reflect-metadata';
import { createLogger } from './common/logging/create-logger';
import { AppConfig } from './config/app-config';
import { CoreEnv } from './config/env';
import { InvalidEnvironmentError } from './config/validate-env';
import { DatabaseStartupError } from './database/database.errors';

/**
 * Start-up validates the configuration before anything else, so `PORT=abc npm start` stops at once
 * with a message naming PORT rather than failing somewhere deeper.
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = new AppConfig(process.env);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its default.\n`);
      process.exit(78);
    }
    throw error;
  }
  const env = config.get(CoreEnv);
  const logger = createLogger(env);
  try {
    // Loaded after validation: importing the modules is the slow part of start-up.
    const { createApp } = await import('./create-app');
    const app = await createApp(logger);
    const server = await app.listen(env.PORT, env.HOST);
    server.requestTimeout = env.REQUEST_TIMEOUT_MS;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    logger.info({ port, host: env.HOST, docs: env.SWAGGER_ENABLED ? `/docs` : undefined }, `dynamic-mcp-agent listening on http://${env.HOST}:${port}`);
  } catch (error) {
    if (error instanceof DatabaseStartupError) {
      logger.fatal(error.message);
      process.stderr.write(`${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'Start-up failed');
    }
    logger.flush?.();
    setTimeout(() => process.exit(1), 50);
  }
}

void main();

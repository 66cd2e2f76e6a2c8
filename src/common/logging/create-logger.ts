import pino, { Logger } from 'pino';
import { CoreEnv } from '../../config/env';
import { redactSecrets } from './redact';
import { currentRequestId } from './request-context';

/**
 * The process logger: JSON lines by default, pino-pretty on a terminal. Every record passes through
 * redactSecrets, and carries the request id when it was written while serving a request.
 */
export function createLogger(env: Pick<CoreEnv, 'LOG_LEVEL' | 'LOG_FORMAT'>, stream?: pino.DestinationStream): Logger {
  const pretty = env.LOG_FORMAT === 'pretty' || (env.LOG_FORMAT === 'auto' && process.stdout.isTTY === true);
  const options: pino.LoggerOptions = {
    level: env.LOG_LEVEL,
    base: { service: 'dynamic-mcp-agent' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (record) => {
        const requestId = currentRequestId();
        const safe = redactSecrets(record) as Record<string, unknown>;
        return requestId && safe.request_id === undefined ? { request_id: requestId, ...safe } : safe;
      },
    },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  };
  if (stream) return pino(options, stream);
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return pino(options);
}

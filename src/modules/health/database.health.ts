import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { HealthRepository } from './health.repository';

const PING_TIMEOUT_MS = 2000;

/** Reports the database up when a trivial query answers within the timeout. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly repository: HealthRepository,
  ) {}

  async check(key = 'database'): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const mode = this.repository.mode();
    try {
      const started = Date.now();
      await this.repository.ping(PING_TIMEOUT_MS);
      return indicator.up({ mode, latency_ms: Date.now() - started });
    } catch (error) {
      return indicator.down({ mode, message: error instanceof Error ? error.message : 'unreachable' });
    }
  }
}

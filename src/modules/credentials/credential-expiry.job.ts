import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { CredentialsEnv } from '../../config/env';
import { CredentialsRepository } from './credentials.repository';

const BATCH = 500;

/** Deletes expired credentials on a timer, each with an `expire` audit row. */
@Injectable()
export class CredentialExpiryJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(CredentialExpiryJob.name);
  private running = false;

  constructor(
    private readonly config: AppConfig,
    private readonly repository: CredentialsRepository,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    const timer = setInterval(() => void this.tick(), this.config.get(CredentialsEnv).CREDENTIAL_PURGE_INTERVAL_MS);
    timer.unref();
    this.scheduler.addInterval('credentials-expiry', timer);
  }

  /** Purges everything expired at `now`, in batches; returns how many records went. */
  async purge(now = new Date()): Promise<number> {
    let total = 0;
    for (let purged = await this.repository.purgeExpired(now, BATCH); purged > 0; purged = await this.repository.purgeExpired(now, BATCH)) total += purged;
    if (total > 0) this.logger.log(`Purged ${total} expired credential(s)`);
    return total;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.purge();
    } catch (error) {
      this.logger.error({ err: error }, 'Purging expired credentials failed; will retry on the next tick');
    } finally {
      this.running = false;
    }
  }
}

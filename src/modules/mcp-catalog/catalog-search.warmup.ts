import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CatalogSearchService } from './catalog-search.service';

/**
 * Service start-up only (not the CLI): loads the search snapshot, warms the re-ranker's caches and
 * the database connections searches use (see CatalogSearchService.warmUp), all in the background, and
 * starts embedding when the active model lacks vectors. Start-up never waits.
 */
@Injectable()
export class CatalogSearchWarmup implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogSearchWarmup.name);

  constructor(private readonly search: CatalogSearchService) {}

  onApplicationBootstrap(): void {
    void this.search.warmUp().catch((error: unknown) => this.logger.error(`Search warm-up failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}

import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CatalogSearchIndexer } from './catalog-search.indexer';

/**
 * Service start-up only (not the CLI): loads the search snapshot and warms the re-ranker's caches in
 * the background, and starts embedding when the active model lacks vectors. Start-up never waits.
 */
@Injectable()
export class CatalogSearchWarmup implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogSearchWarmup.name);

  constructor(private readonly indexer: CatalogSearchIndexer) {}

  onApplicationBootstrap(): void {
    void this.indexer.snapshot().catch((error: unknown) => this.logger.error(`Search warm-up failed: ${error instanceof Error ? error.message : String(error)}`));
  }
}

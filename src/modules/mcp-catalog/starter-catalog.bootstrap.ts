import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CatalogImportService } from './catalog-import.service';
import { CatalogRepository } from './catalog.repository';
import { STARTER_SOURCE, starterCatalogDir } from './starter-catalog';

/** Loads the starter catalog (config/) into an empty catalog when the application starts. */
@Injectable()
export class StarterCatalogBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(StarterCatalogBootstrap.name);

  constructor(
    private readonly repository: CatalogRepository,
    private readonly importer: CatalogImportService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.repository.countServers()) > 0) return;
    try {
      const report = await this.importer.importPath(starterCatalogDir(), { source: STARTER_SOURCE });
      this.logger.log(`Loaded the starter catalog: ${report.added} servers`);
    } catch (error) {
      // Two instances starting on one empty PostgreSQL race here; the loser finds the catalog filled.
      if ((await this.repository.countServers()) === 0) throw error;
    }
  }
}

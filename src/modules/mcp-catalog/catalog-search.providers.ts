import type { Provider } from '@nestjs/common';
import { CatalogIndexer } from './catalog-indexer';
import { CatalogSearchIndexer } from './catalog-search.indexer';
import { CatalogSearchRepository } from './catalog-search.repository';
import { CatalogSearchService } from './catalog-search.service';

/** The search side's providers for CatalogCoreModule: the real CatalogIndexer and CatalogSearchService. */
export const CATALOG_SEARCH_PROVIDERS: Provider[] = [
  CatalogSearchRepository,
  CatalogSearchIndexer,
  { provide: CatalogIndexer, useExisting: CatalogSearchIndexer },
  CatalogSearchService,
];

import { Injectable } from '@nestjs/common';

/**
 * The hook the search side implements to keep its indexes (full-text documents, embeddings,
 * in-memory caches) in step with the catalog. Importers call it after every committed batch, with
 * the ids whose records were added or changed, and after removals, with the ids that are gone.
 * Implementations must be idempotent: a crashed import re-run calls them again for the same ids.
 */
export abstract class CatalogIndexer {
  /** Records for these ids were added or changed and are committed; (re)index them. */
  abstract indexServers(ids: string[]): Promise<void>;
  /** These ids were removed from the catalog (their rows and cascaded children are gone). */
  abstract removeServers(ids: string[]): Promise<void>;
}

/** The default until the search module provides a real indexer: nothing to keep in step. */
@Injectable()
export class NoopCatalogIndexer extends CatalogIndexer {
  async indexServers(_ids: string[]): Promise<void> {
    return undefined;
  }

  async removeServers(_ids: string[]): Promise<void> {
    return undefined;
  }
}

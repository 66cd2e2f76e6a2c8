import { Injectable, Logger } from '@nestjs/common';
import { contentHash } from './catalog-content-hash';
import { mergeCuratedGuidance } from './catalog-guidance.merge';
import { CatalogIndexer } from './catalog-indexer';
import { CatalogRepository, HashedServer } from './catalog.repository';
import type { CatalogServer } from './catalog.types';
import { readCatalogInput } from './importers/catalog-file.reader';
import { emptyReport, ImportReport, ParsedCatalog } from './importers/import-result';
import { parseRegistryEntries } from './importers/registry-entry.parser';
import { parseSeedCatalog } from './importers/seed-catalog.parser';

export interface ApplyOptions {
  /** Stored on every record written; removal compares against records of this same source. */
  source: string;
  /** Remove records of `source` that the input no longer lists (a full snapshot, e.g. a seed directory). */
  removeMissing?: boolean;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

const DEFAULT_BATCH = 500;

/**
 * Applies parsed records to the catalog: classifies each as added, updated or unchanged by content
 * hash, writes each batch in one transaction, tells the indexer after each commit, then removes what
 * the source dropped. A batch that fails to write stops the import; earlier batches stay committed.
 */
@Injectable()
export class CatalogImportService {
  private readonly logger = new Logger(CatalogImportService.name);

  constructor(
    private readonly repository: CatalogRepository,
    private readonly indexer: CatalogIndexer,
  ) {}

  /**
   * Imports a seed directory or file (a full snapshot: records of the same source that it no longer
   * lists are removed) or registry server.json documents (only `deleted` entries are removed).
   * Reading and parsing finish before anything is written, so a file that is not JSON writes nothing.
   */
  async importPath(path: string, options: Omit<ApplyOptions, 'source' | 'removeMissing'> & { source?: string } = {}): Promise<ImportReport> {
    const input = readCatalogInput(path);
    if (input.kind === 'seed') {
      const source = options.source ?? `seed:${input.location}`;
      return this.apply(parseSeedCatalog(input.docs, source), { ...options, source, removeMissing: true });
    }
    const source = options.source ?? `registry:file://${input.location}`;
    return this.apply(parseRegistryEntries(input.entries, source), { ...options, source });
  }

  async apply(parsed: ParsedCatalog, options: ApplyOptions): Promise<ImportReport> {
    const report = emptyReport();
    report.skipped = parsed.skipped.map(({ key, reason }) => ({ id: key, reason }));
    const records = parsed.records.map((record) => ({ ...record, source: options.source }));
    const size = options.batchSize ?? DEFAULT_BATCH;
    for (let start = 0; start < records.length; start += size) {
      await this.applyBatch(records.slice(start, start + size), report);
      options.onProgress?.(Math.min(start + size, records.length), records.length);
    }
    const toRemove = new Set(parsed.removedIds ?? []);
    if (options.removeMissing) {
      const present = new Set([...records.map((r) => r.id), ...parsed.skipped.map((s) => s.key)]);
      for (const id of await this.repository.listIdsBySource(options.source)) if (!present.has(id)) toRemove.add(id);
    }
    report.removed = await this.remove([...toRemove]);
    this.logger.log(`Imported from ${options.source}: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.removed} removed, ${report.skipped.length} skipped`);
    return report;
  }

  private async applyBatch(batch: CatalogServer[], report: ImportReport): Promise<void> {
    const stored = await this.repository.findStoredState(batch.map((r) => r.id));
    const added: HashedServer[] = [];
    const updated: HashedServer[] = [];
    const moved: Array<{ id: string; source: string }> = [];
    for (const incoming of batch) {
      const current = stored.get(incoming.id);
      const server = mergeCuratedGuidance(incoming, current);
      const hash = contentHash(server);
      if (!current) added.push({ server, hash });
      else if (current.hash !== hash) updated.push({ server, hash });
      else if (current.source !== server.source) moved.push({ id: server.id, source: server.source });
    }
    await this.repository.writeBatch(added, updated, moved);
    report.added += added.length;
    report.updated += updated.length;
    report.unchanged += batch.length - added.length - updated.length;
    const changed = [...added, ...updated].map(({ server }) => server.id);
    if (changed.length) await this.indexer.indexServers(changed);
  }

  private async remove(ids: string[]): Promise<number> {
    const removed = await this.repository.removeServers(ids);
    if (removed.length) await this.indexer.removeServers(removed);
    return removed.length;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { CatalogSyncFailed } from './catalog.errors';
import { CatalogImportService } from './catalog-import.service';
import { CatalogSyncStateRepository } from './catalog-sync-state.repository';
import { emptyReport, ImportReport, mergeReports } from './importers/import-result';
import { parseRegistryEntries } from './importers/registry-entry.parser';
import { RegistryClient, RegistryPage, RegistryPageRequest, RegistryRequestError } from './registry.client';

export interface SyncOptions {
  registryUrl: string;
  /** Entries per page. */
  limit?: number;
  maxAttempts?: number;
  /** First retry delay; each further retry doubles it. */
  retryDelayMs?: number;
  onPage?: (pages: number, report: ImportReport) => void;
}

export interface SyncReport extends ImportReport {
  pages: number;
  /** The `updated_since` sent this run (absent on a full run). */
  updatedSince?: string;
  /** What the next run will send. */
  highWaterMark?: string;
}

/**
 * Incremental sync with the official MCP registry. The first run pages through everything; later
 * runs pass the previous run's high-water mark as `updated_since`. Each page is applied and
 * committed on its own; a page that keeps failing stops the run with what was committed kept, and
 * the mark is only advanced by a run that finished, so the next run picks up the rest.
 */
@Injectable()
export class RegistrySyncService {
  private readonly logger = new Logger(RegistrySyncService.name);

  constructor(
    private readonly client: RegistryClient,
    private readonly importer: CatalogImportService,
    private readonly state: CatalogSyncStateRepository,
  ) {}

  async sync(options: SyncOptions): Promise<SyncReport> {
    const baseUrl = options.registryUrl.replace(/\/+$/, '');
    const source = `registry:${baseUrl}`;
    const previous = await this.state.find(source);
    const updatedSince = previous?.updatedSince;
    const report: SyncReport = { ...emptyReport(), pages: 0, ...(updatedSince ? { updatedSince } : {}) };
    let highWaterMark = updatedSince;
    let cursor: string | undefined;
    do {
      const page = await this.fetchWithRetry({ baseUrl, cursor, limit: options.limit ?? 100, updatedSince }, options, report.pages + 1);
      const parsed = parseRegistryEntries(page.entries, source);
      mergeReports(report, await this.importer.apply(parsed, { source }));
      if (parsed.highWaterMark && (!highWaterMark || parsed.highWaterMark > highWaterMark)) highWaterMark = parsed.highWaterMark;
      report.pages += 1;
      options.onPage?.(report.pages, report);
      cursor = page.nextCursor;
    } while (cursor);
    await this.state.save({ source, updatedSince: highWaterMark, lastRunAt: new Date() });
    this.logger.log(`Synced ${source}: ${report.pages} page(s)`);
    return { ...report, ...(highWaterMark ? { highWaterMark } : {}) };
  }

  private async fetchWithRetry(request: RegistryPageRequest, options: SyncOptions, pageNumber: number): Promise<RegistryPage> {
    const attempts = options.maxAttempts ?? 4;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.client.fetchPage(request);
      } catch (error) {
        const retryable = error instanceof RegistryRequestError && error.retryable;
        if (!retryable || attempt >= attempts) {
          const at = request.cursor ? ` (cursor ${request.cursor})` : '';
          throw new CatalogSyncFailed(
            `Registry page ${pageNumber}${at} failed after ${attempt} attempt(s): ${(error as Error).message}. Pages before it are kept; run the sync again to continue.`,
          );
        }
        const delay = (options.retryDelayMs ?? 500) * 2 ** (attempt - 1);
        this.logger.warn(`Registry page ${pageNumber} failed (${(error as Error).message}); retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { CatalogImportService } from '../../modules/mcp-catalog/catalog-import.service';
import { CatalogService } from '../../modules/mcp-catalog/catalog.service';
import { ImportReport, summarizeReport } from '../../modules/mcp-catalog/importers/import-result';
import { RegistrySyncService } from '../../modules/mcp-catalog/registry-sync.service';
import { CatalogReembedCommand } from './catalog-reembed.command';
import { ProgressBar } from './progress-bar';

/** Skipped records, one line each, then the one-line summary scripts read. */
function printReport(report: ImportReport): void {
  for (const { id, reason } of report.skipped) process.stdout.write(`skipped ${id}: ${reason}\n`);
  process.stdout.write(`${summarizeReport(report)}\n`);
}

@SubCommand({ name: 'import', arguments: '<path>', description: 'import a seed catalog directory (servers.json, config.json, credinfo.json) or a file' })
export class CatalogImportCommand extends CommandRunner {
  constructor(private readonly importer: CatalogImportService) {
    super();
  }

  async run([path]: string[]): Promise<void> {
    const bar = new ProgressBar('importing');
    try {
      const report = await this.importer.importPath(path, { onProgress: (done, total) => bar.update(done, total) });
      bar.done();
      printReport(report);
    } catch (error) {
      bar.done();
      throw error;
    }
  }
}

interface SyncOptions {
  registryUrl?: string;
  limit?: number;
}

@SubCommand({ name: 'sync', description: 'page through an MCP registry API incrementally (since the last sync)' })
export class CatalogSyncCommand extends CommandRunner {
  constructor(private readonly sync: RegistrySyncService) {
    super();
  }

  async run(_args: string[], options: SyncOptions): Promise<void> {
    if (!options.registryUrl) throw new Error('--registry-url <url> is required');
    const bar = new ProgressBar('syncing');
    try {
      const report = await this.sync.sync({
        registryUrl: options.registryUrl,
        limit: options.limit,
        onPage: (pages, r) => bar.status(`${pages} page(s), ${r.added} added, ${r.updated} updated`),
      });
      bar.done();
      printReport(report);
    } catch (error) {
      bar.done();
      throw error;
    }
  }

  @Option({ flags: '--registry-url <url>', description: 'base URL of the registry (GET {url}/v0.1/servers)', required: true })
  parseUrl(value: string): string {
    if (!/^https?:\/\//.test(value)) throw new Error('--registry-url must be an http(s) URL');
    return value;
  }

  @Option({ flags: '--limit <n>', description: 'entries per page (default 100)' })
  parseLimit(value: string): number {
    const limit = Number(value);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error('--limit must be an integer between 1 and 1000');
    return limit;
  }
}

@SubCommand({ name: 'stats', description: 'count servers, tools, launch options and credential requirements' })
export class CatalogStatsCommand extends CommandRunner {
  constructor(private readonly catalog: CatalogService) {
    super();
  }

  async run(): Promise<void> {
    process.stdout.write(`${JSON.stringify(await this.catalog.stats(), null, 2)}\n`);
  }
}

@Command({ name: 'catalog', description: 'the MCP server catalog', subCommands: [CatalogImportCommand, CatalogSyncCommand, CatalogStatsCommand, CatalogReembedCommand] })
export class CatalogCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}

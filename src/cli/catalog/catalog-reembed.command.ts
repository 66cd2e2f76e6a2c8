import { CommandRunner, SubCommand } from 'nest-commander';
import { CatalogSearchIndexer } from '../../modules/mcp-catalog/catalog-search.indexer';

@SubCommand({ name: 'reembed', description: 'rebuild corpus statistics and every vector of the active embedding model' })
export class CatalogReembedCommand extends CommandRunner {
  constructor(private readonly indexer: CatalogSearchIndexer) {
    super();
  }

  async run(): Promise<void> {
    const started = Date.now();
    const report = await this.indexer.refresh({ force: true });
    process.stdout.write(`reembedded ${report.embedded} of ${report.servers} servers with ${report.model} in ${Date.now() - started} ms\n`);
  }
}

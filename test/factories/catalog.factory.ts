import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaService } from '../../src/database/prisma.service';
import type { DatabaseConnection } from '../../src/database/database-connection';
import { CatalogImportService } from '../../src/modules/mcp-catalog/catalog-import.service';
import { CatalogIndexer } from '../../src/modules/mcp-catalog/catalog-indexer';
import { CatalogSyncStateRepository } from '../../src/modules/mcp-catalog/catalog-sync-state.repository';
import { CatalogRepository } from '../../src/modules/mcp-catalog/catalog.repository';
import { CatalogService } from '../../src/modules/mcp-catalog/catalog.service';
import type { CatalogServer } from '../../src/modules/mcp-catalog/catalog.types';
import { RegistryClient } from '../../src/modules/mcp-catalog/registry.client';
import { RegistrySyncService } from '../../src/modules/mcp-catalog/registry-sync.service';
import { StarterGuidance, starterCatalogDir } from '../../src/modules/mcp-catalog/starter-catalog';

/** An indexer that records what it was told, to check importers call the hook after commits. */
export class RecordingIndexer extends CatalogIndexer {
  indexed: string[][] = [];
  removed: string[][] = [];
  async indexServers(ids: string[]): Promise<void> {
    this.indexed.push(ids);
  }
  async removeServers(ids: string[]): Promise<void> {
    this.removed.push(ids);
  }
  reset(): void {
    this.indexed = [];
    this.removed = [];
  }
}

/** The catalog's services wired by hand over a test database (no Nest container needed). */
export function catalogContext(db: DatabaseConnection) {
  const prisma = new PrismaService(db);
  const repository = new CatalogRepository(prisma);
  const indexer = new RecordingIndexer();
  const importer = new CatalogImportService(repository, indexer);
  const service = new CatalogService(repository, new StarterGuidance());
  const sync = new RegistrySyncService(new RegistryClient(), importer, new CatalogSyncStateRepository(prisma));
  return { prisma, repository, indexer, importer, service, sync };
}

/** A writable copy of the starter catalog, to edit in a test. */
export function copyStarterCatalog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-seed-'));
  cpSync(starterCatalogDir(), dir, { recursive: true });
  return dir;
}

export function editJson<T>(path: string, edit: (doc: T) => void): void {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as T;
  edit(doc);
  writeFileSync(path, JSON.stringify(doc));
}

export function catalogServer(id: string, extra: Partial<CatalogServer> = {}): CatalogServer {
  return { id, name: id, description: `server ${id}`, categories: [], source: 'test', tools: [], launchOptions: [], credentials: [], ...extra };
}

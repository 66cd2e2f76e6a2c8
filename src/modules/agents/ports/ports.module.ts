import { Module } from '@nestjs/common';
import { CredentialsModule } from '../../credentials/credentials.module';
import { CatalogCoreModule } from '../../mcp-catalog/catalog-core.module';
import { CatalogPort } from './catalog.port';
import { CatalogServiceAdapter } from './catalog-service.adapter';
import { CredentialsPort } from './credentials.port';
import { CredentialsServiceAdapter } from './credentials-service.adapter';

/**
 * Binds the ports agents and orchestration use to the catalog and credentials modules. The
 * starter-catalog and in-memory fallbacks beside this file serve unit tests only.
 */
@Module({
  imports: [CatalogCoreModule, CredentialsModule],
  providers: [
    { provide: CatalogPort, useClass: CatalogServiceAdapter },
    { provide: CredentialsPort, useClass: CredentialsServiceAdapter },
  ],
  exports: [CatalogPort, CredentialsPort],
})
export class PortsModule {}

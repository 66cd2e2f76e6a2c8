import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfig } from '../../config/app-config';
import { CredentialsEnv } from '../../config/env';
import { CatalogCoreModule } from '../mcp-catalog/catalog-core.module';
import { CatalogService } from '../mcp-catalog/catalog.service';
import { RuntimeModule } from '../runtime/runtime.module';
import { CredentialsKeysModule } from './credentials-keys.module';
import { CredentialExpiryJob } from './credential-expiry.job';
import { CredentialIntakeService } from './credential-intake.service';
import { CredentialLiveValidator } from './credential-live-validator';
import { CredentialRequirementsCache } from './credential-requirements.cache';
import { CredentialRequirementsSource } from './credential-requirements.source';
import { CredentialStore } from './credential-store';
import { CredentialValidationService } from './credential-validation.service';
import { CredentialVault } from './credential-vault';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';

/** Multipart for POST /api/credentials/files: one file, a few small fields, held in memory and size-capped. */
function multerOptions(config: AppConfig) {
  const env = config.get(CredentialsEnv);
  return { limits: { fileSize: env.CREDENTIAL_FILE_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 } };
}

/** The credentials vault: encrypted storage, audit trail, requirements, validation. Exports CredentialsService only. */
@Module({
  imports: [CredentialsKeysModule, CatalogCoreModule, RuntimeModule, ScheduleModule.forRoot(), MulterModule.registerAsync({ inject: [AppConfig], useFactory: multerOptions })],
  controllers: [CredentialsController],
  providers: [
    { provide: CredentialRequirementsSource, useExisting: CatalogService },
    CredentialRequirementsCache,
    CredentialVault,
    CredentialStore,
    CredentialLiveValidator,
    CredentialValidationService,
    CredentialIntakeService,
    CredentialsService,
    CredentialExpiryJob,
  ],
  exports: [CredentialsService],
})
export class CredentialsModule {}

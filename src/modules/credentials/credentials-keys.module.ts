import { Module } from '@nestjs/common';
import { CredentialCipher } from './crypto/credential-cipher';
import { KeyRotationService } from './crypto/key-rotation.service';
import { VaultKeys } from './crypto/vault-keys';
import { CredentialsRepository } from './credentials.repository';

/**
 * The vault's storage and keys without HTTP, catalog or schedules: shared by CredentialsModule and
 * the `keys` CLI. Internal to the credentials folder (other modules import CredentialsModule).
 */
@Module({
  providers: [
    CredentialsRepository,
    VaultKeys,
    { provide: CredentialCipher, inject: [VaultKeys], useFactory: (keys: VaultKeys) => new CredentialCipher(() => keys.keyring()) },
    KeyRotationService,
  ],
  exports: [CredentialsRepository, VaultKeys, CredentialCipher, KeyRotationService],
})
export class CredentialsKeysModule {}

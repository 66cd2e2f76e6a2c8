import { Module } from '@nestjs/common';
import { ConfigModule } from '../../config/config.module';
import { DatabaseModule } from '../../database/database.module';
import { CredentialsKeysModule } from '../../modules/credentials/credentials-keys.module';
import { KeysCommand, KeysRotateCommand, KeysStatusCommand } from './keys.command';

/** Master key status and rotation; needs the database (embedded: stop the service first). */
@Module({
  imports: [ConfigModule, DatabaseModule, CredentialsKeysModule],
  providers: [KeysCommand, KeysRotateCommand, KeysStatusCommand],
})
export class KeysCliModule {}

import { Module } from '@nestjs/common';
import { ConfigModule } from '../../config/config.module';
import { TokenSigningService } from '../../modules/auth/token-signing.service';
import { TokenCommand, TokenIssueCommand } from './token.command';

/** Only the signing key under DATA_DIR (or AUTH_SIGNING_KEYS): never the database, which the running service holds. */
@Module({
  imports: [ConfigModule],
  providers: [TokenSigningService, TokenCommand, TokenIssueCommand],
})
export class TokenCliModule {}

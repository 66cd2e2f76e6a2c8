import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './modules/health/health.module';
import { AuthModule } from './modules/auth/auth.module';
import { CatalogModule } from './modules/mcp-catalog/catalog.module';
import { CredentialsModule } from './modules/credentials/credentials.module';
import { SessionsModule } from './modules/sessions/sessions.module';
import { AgentsModule } from './modules/agents/agents.module';
import { ChatModule } from './modules/chat/chat.module';
import { OrchestrationModule } from './modules/orchestration/orchestration.module';

@Module({
  imports: [ConfigModule, DatabaseModule, HealthModule, AuthModule, CatalogModule, CredentialsModule, SessionsModule, AgentsModule, OrchestrationModule, ChatModule],
})
export class AppModule {}

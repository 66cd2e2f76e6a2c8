import { Module } from '@nestjs/common';
import { ConfigModule } from '../../config/config.module';
import { DatabaseModule } from '../../database/database.module';
import { ServiceClientsRepository } from '../../modules/auth/clients/service-clients.repository';
import { ServiceClientsService } from '../../modules/auth/clients/service-clients.service';
import { ClientsCommand, ClientsCreateCommand, ClientsListCommand, ClientsRevokeCommand } from './clients.command';

/** Opens the database like the service does (in embedded mode the service must be stopped first). */
@Module({
  imports: [ConfigModule, DatabaseModule],
  providers: [ServiceClientsRepository, ServiceClientsService, ClientsCommand, ClientsCreateCommand, ClientsListCommand, ClientsRevokeCommand],
})
export class ClientsCliModule {}

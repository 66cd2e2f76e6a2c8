import { Module } from '@nestjs/common';
import { AgentServersResolver } from './agent-servers.resolver';
import { AgentsController } from './agents.controller';
import { AgentsRepository } from './agents.repository';
import { AgentsService } from './agents.service';
import { PortsModule } from './ports/ports.module';

@Module({
  imports: [PortsModule],
  controllers: [AgentsController],
  providers: [AgentsService, AgentsRepository, AgentServersResolver],
  exports: [AgentsService],
})
export class AgentsModule {}

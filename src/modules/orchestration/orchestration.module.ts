import { Global, Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { PortsModule } from '../agents/ports/ports.module';
import { ChatTurnHandler } from '../chat/chat-turn.handler';
import { SessionsModule } from '../sessions/sessions.module';
import { CredentialIntake } from './credential-intake';
import { MasterAgentService } from './master-agent.service';
import { plannerProvider } from './planner.provider';

/**
 * The master agent and its planners. Global only to hand ChatTurnHandler to the chat module without
 * chat importing orchestration (orchestration depends on chat, never the reverse).
 */
@Global()
@Module({
  imports: [PortsModule, SessionsModule, AgentsModule],
  providers: [plannerProvider, CredentialIntake, MasterAgentService, { provide: ChatTurnHandler, useExisting: MasterAgentService }],
  exports: [MasterAgentService, ChatTurnHandler],
})
export class OrchestrationModule {}

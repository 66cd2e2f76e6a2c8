import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal } from '../../common/decorators/current-principal.decorator';
import { Scopes } from '../../common/decorators/scopes.decorator';
import { PaginationQueryDto } from '../sessions/sessions.dto';
import { AgentDto, AgentIdParams, AgentListDto, CreateAgentDto, CreateAgentResponseDto } from './agents.dto';
import { AgentsService } from './agents.service';

@ApiTags('agents')
@ApiBearerAuth('bearer')
@Controller('api/agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Post('create')
  @Scopes('agents:write')
  @ApiCreatedResponse({ type: CreateAgentResponseDto })
  @ApiUnprocessableEntityResponse({ description: 'LAUNCH_NOT_SANCTIONED or ENV_KEY_NOT_DECLARED' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateAgentDto): Promise<CreateAgentResponseDto> {
    return this.agents.createFromRequest(principal, body);
  }

  @Get()
  @Scopes('agents:read')
  @ApiOkResponse({ type: AgentListDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PaginationQueryDto): Promise<AgentListDto> {
    return this.agents.list(principal.ownerId, query);
  }

  @Get(':id')
  @Scopes('agents:read')
  @ApiOkResponse({ type: AgentDto })
  @ApiNotFoundResponse({ description: 'AGENT_NOT_FOUND' })
  get(@CurrentPrincipal() principal: Principal, @Param() params: AgentIdParams): Promise<AgentDto> {
    return this.agents.get(principal.ownerId, params.id);
  }

  @Delete(':id')
  @Scopes('agents:write')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'AGENT_NOT_FOUND' })
  remove(@CurrentPrincipal() principal: Principal, @Param() params: AgentIdParams): Promise<void> {
    return this.agents.remove(principal.ownerId, params.id);
  }
}

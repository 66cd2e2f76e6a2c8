import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal } from '../../common/decorators/current-principal.decorator';
import { Scopes } from '../../common/decorators/scopes.decorator';
import { PaginationQueryDto, SessionDto, SessionIdParams, SessionListDto, SessionMessagesDto } from './sessions.dto';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@ApiBearerAuth('bearer')
@Controller('api/sessions')
@Scopes('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('create')
  @ApiCreatedResponse({ type: SessionDto })
  createNamed(@CurrentPrincipal() principal: Principal): Promise<SessionDto> {
    return this.sessions.createDto(principal.ownerId);
  }

  @Post()
  @ApiCreatedResponse({ type: SessionDto })
  create(@CurrentPrincipal() principal: Principal): Promise<SessionDto> {
    return this.sessions.createDto(principal.ownerId);
  }

  @Get()
  @ApiOkResponse({ type: SessionListDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PaginationQueryDto): Promise<SessionListDto> {
    return this.sessions.list(principal.ownerId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: SessionDto })
  @ApiNotFoundResponse({ description: 'SESSION_NOT_FOUND' })
  get(@CurrentPrincipal() principal: Principal, @Param() params: SessionIdParams): Promise<SessionDto> {
    return this.sessions.get(principal.ownerId, params.id);
  }

  @Get(':id/messages')
  @ApiOkResponse({ type: SessionMessagesDto })
  @ApiNotFoundResponse({ description: 'SESSION_NOT_FOUND' })
  messages(@CurrentPrincipal() principal: Principal, @Param() params: SessionIdParams): Promise<SessionMessagesDto> {
    return this.sessions.messages(principal.ownerId, params.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its messages; agents it created stay' })
  @ApiNotFoundResponse({ description: 'SESSION_NOT_FOUND' })
  remove(@CurrentPrincipal() principal: Principal, @Param() params: SessionIdParams): Promise<void> {
    return this.sessions.remove(principal.ownerId, params.id);
  }
}

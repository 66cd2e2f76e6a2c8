import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal } from '../../common/decorators/current-principal.decorator';
import { Scopes } from '../../common/decorators/scopes.decorator';
import { ChatHistoryDto, HistoryQueryDto } from '../sessions/sessions.dto';
import { ChatRequestDto, ChatResponseDto } from './chat.dto';
import { ChatService } from './chat.service';

@ApiTags('chat')
@ApiBearerAuth('bearer')
@Controller('api/chat')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Post()
  @Scopes('chat')
  @ApiProduces('application/json', 'text/event-stream')
  @ApiOkResponse({ type: ChatResponseDto, description: 'JSON, or with Accept: text/event-stream the events analysis, servers, credentials, workflow, agent and done (same body)' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ description: 'SESSION_NOT_FOUND' })
  send(@CurrentPrincipal() principal: Principal, @Body() body: ChatRequestDto, @Headers('accept') accept: string | undefined, @Res() res: Response): Promise<void> {
    return this.chat.respond(principal, body, accept, res);
  }

  @Get('history')
  @Scopes('chat')
  @ApiOkResponse({ type: ChatHistoryDto })
  history(@CurrentPrincipal() principal: Principal, @Query() query: HistoryQueryDto): Promise<ChatHistoryDto> {
    return this.chat.history(principal, query);
  }
}

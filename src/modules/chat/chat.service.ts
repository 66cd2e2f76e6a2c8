import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '../../common/auth/principal';
import { ChatHistoryDto, HistoryQueryDto } from '../sessions/sessions.dto';
import { SessionsService } from '../sessions/sessions.service';
import { ChatEmitter, ChatEventName, ChatRequestDto } from './chat.dto';
import { ChatTurnHandler } from './chat-turn.handler';

/**
 * Answers chat messages as JSON or, when the client asks for `text/event-stream`, as progress events
 * ending with the same body. The stream opens on the first event, so errors raised before it (an
 * unknown session) still reach the client as ordinary 4xx responses.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly handler: ChatTurnHandler,
    private readonly sessions: SessionsService,
  ) {}

  async respond(principal: Principal, request: ChatRequestDto, accept: string | undefined, res: Response): Promise<void> {
    if (!wantsStream(accept)) {
      res.status(200).json(await this.handler.handle(principal, request, () => undefined));
      return;
    }
    const emit = streamTo(res);
    try {
      await this.handler.handle(principal, request, emit);
    } catch (error) {
      if (!res.headersSent) throw error;
      emit('error' as ChatEventName, { error: { code: 'INTERNAL_ERROR', message: 'The request could not be completed' } });
    } finally {
      if (res.headersSent) res.end();
    }
  }

  history(principal: Principal, query: HistoryQueryDto): Promise<ChatHistoryDto> {
    return this.sessions.history(principal.ownerId, { limit: query.limit, offset: query.offset }, query.session_id);
  }
}

function wantsStream(accept: string | undefined): boolean {
  return (accept ?? '').toLowerCase().includes('text/event-stream');
}

function streamTo(res: Response): ChatEmitter {
  return (event, data) => {
    if (!res.headersSent) {
      res.status(200);
      res.setHeader('content-type', 'text/event-stream; charset=utf-8');
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('x-accel-buffering', 'no');
      res.flushHeaders();
    }
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
}

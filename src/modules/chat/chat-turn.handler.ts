import type { Principal } from '../../common/auth/principal';
import type { ChatEmitter, ChatRequestDto, ChatResponseDto } from './chat.dto';

/**
 * What answers a chat message. The orchestration module provides it (the master agent); chat only
 * knows this port, so chat never imports orchestration.
 */
export abstract class ChatTurnHandler {
  abstract handle(principal: Principal, request: ChatRequestDto, emit: ChatEmitter): Promise<ChatResponseDto>;
}

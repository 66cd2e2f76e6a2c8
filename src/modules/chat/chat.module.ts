import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';

/** The chat routes. ChatTurnHandler comes from the (global) orchestration module, which chat never imports. */
@Module({
  imports: [SessionsModule],
  controllers: [ChatController],
  providers: [ChatService],
})
export class ChatModule {}

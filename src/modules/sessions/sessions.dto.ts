import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

export class SessionIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
}

export class PaginationQueryDto {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  limit = 20;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  offset = 0;
}

export class HistoryQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') session_id?: string;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The current plan and what is still missing' })
  context!: Record<string, unknown>;
}

export class SessionListDto {
  @ApiProperty({ type: [SessionDto] }) sessions!: SessionDto[];
  @ApiProperty() total_count!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ enum: ['user', 'assistant'] }) role!: string;
  @ApiProperty() created_at!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata!: Record<string, unknown>;
}

export class SessionMessagesDto {
  @ApiProperty({ format: 'uuid' }) session_id!: string;
  @ApiProperty({ type: [MessageDto] }) messages!: MessageDto[];
}

export class HistorySessionDto {
  @ApiProperty({ format: 'uuid' }) session_id!: string;
  @ApiProperty() created_at!: string;
  @ApiProperty({ type: [MessageDto] }) messages!: MessageDto[];
}

export class ChatHistoryDto {
  @ApiProperty({ type: [HistorySessionDto] }) sessions!: HistorySessionDto[];
  @ApiProperty() total_count!: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class AgentIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
}

export class CreateAgentDto {
  @ApiPropertyOptional({ description: '{ servers: [{ name, description, tools }] }', type: 'object', additionalProperties: true })
  @IsOptional() @IsObject()
  mcp_server_info?: Record<string, unknown>;

  @ApiProperty({
    description: '{ mcpServers: { "<catalog server id>": { command, args, env } } }; env values are literals or {"$credential": "<server>/<KEY>"}',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  mcp_config!: Record<string, unknown>;

  @ApiProperty({ maxLength: 8000 }) @IsString() @MinLength(1) @MaxLength(8000) user_prompt!: string;

  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @IsString() @MaxLength(20000) workflow?: string;
}

export class CreateAgentResponseDto {
  @ApiProperty({ enum: ['ok'] }) @IsIn(['ok']) status!: 'ok';
  @ApiProperty({ format: 'uuid' }) agent_id!: string;
  @ApiProperty() message!: string;
}

export class AgentServerDto {
  @ApiProperty() server_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() transport!: string;
  @ApiProperty({ nullable: true, type: String }) command!: string | null;
  @ApiProperty({ type: [String] }) args!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'literals (non-secret) or credential references' })
  env!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) url!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) headers!: Record<string, string>;
}

export class AgentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ nullable: true, type: String }) session_id!: string | null;
  @ApiProperty() instructions!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) workflow!: Record<string, unknown>;
  @ApiProperty({ type: [AgentServerDto] }) servers!: AgentServerDto[];
  @ApiProperty() created_at!: string;
}

export class AgentListDto {
  @ApiProperty({ type: [AgentDto] }) agents!: AgentDto[];
  @ApiProperty() total_count!: number;
}

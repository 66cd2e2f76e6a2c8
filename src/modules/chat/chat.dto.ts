import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBase64, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { RequiredCredential, RequiredFile } from '../agents/ports/credentials.port';
import { IsCredentialMap } from './credential-map.validator';

export const MAX_MESSAGE_LENGTH = 8000;

export class ChatFileDto {
  @ApiProperty({ maxLength: 255 }) @IsString() @MinLength(1) @MaxLength(255) filename!: string;
  @ApiProperty({ description: 'base64' }) @IsString() @MinLength(1) @MaxLength(2_000_000) @IsBase64() content!: string;
  @ApiProperty({ enum: ['credential', 'config', 'other'] }) @IsIn(['credential', 'config', 'other']) type!: 'credential' | 'config' | 'other';
  @ApiPropertyOptional({ description: 'the credential key the file satisfies' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/) key?: string;
  @ApiPropertyOptional({ description: 'the catalog server the file is for (default: the selected server that needs `key`)' })
  @IsOptional() @IsString() @MaxLength(300) mcp_server?: string;
}

export class ChatRequestDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_MESSAGE_LENGTH })
  @IsString() @MinLength(1) @MaxLength(MAX_MESSAGE_LENGTH) @Matches(/\S/, { message: 'message must not be blank' })
  message!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'omitted = a new session' })
  @IsOptional() @IsUUID('all') session_id?: string;

  @ApiPropertyOptional({ description: '{ "<mcp server id or name>": { "<CREDENTIAL_KEY>": "value" } }', type: 'object', additionalProperties: true })
  @IsOptional() @IsCredentialMap()
  credentials?: Record<string, Record<string, string>>;

  @ApiPropertyOptional({ type: [ChatFileDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => ChatFileDto)
  files?: ChatFileDto[];
}

export class SelectedServerDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() score!: number;
  @ApiProperty() reason!: string;
}

export class WorkflowStepDto {
  @ApiProperty() order!: number;
  @ApiProperty() description!: string;
  @ApiProperty() server!: string;
  @ApiProperty({ nullable: true, type: String }) tool!: string | null;
}

export class WorkflowDto {
  @ApiProperty({ type: [WorkflowStepDto] }) steps!: WorkflowStepDto[];
}

export class ChatResponseDto {
  @ApiProperty() reply!: string;
  @ApiProperty({ format: 'uuid' }) session_id!: string;
  @ApiProperty({ enum: ['success', 'pending_credentials', 'analyzing', 'error'] }) status!: 'success' | 'pending_credentials' | 'analyzing' | 'error';
  @ApiProperty({ type: 'array', items: { type: 'object' } }) required_credentials!: RequiredCredential[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) required_files!: RequiredFile[];
  @ApiProperty() agent_created!: boolean;
  @ApiProperty({ nullable: true, type: String }) agent_id!: string | null;
  @ApiProperty({ type: [SelectedServerDto] }) selected_servers!: SelectedServerDto[];
  @ApiProperty({ type: WorkflowDto }) workflow!: WorkflowDto;
}

/** A progress event of the streamed chat (`Accept: text/event-stream`). */
export type ChatEventName = 'analysis' | 'servers' | 'credentials' | 'workflow' | 'agent' | 'done';
export type ChatEmitter = (event: ChatEventName, data: unknown) => void;

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CREDENTIAL_STATUSES, CredentialStatus } from './credential.types';
import { MAX_VALUE_LENGTH } from './credential-format';

export class PutCredentialDto {
  @ApiProperty({ description: 'The secret or setting value; stored encrypted, never returned', writeOnly: true })
  @IsString() @MinLength(1) @MaxLength(MAX_VALUE_LENGTH)
  value!: string;

  @ApiPropertyOptional({ description: 'Days until the credential expires (default CREDENTIAL_TTL_DAYS, at most CREDENTIAL_MAX_TTL_DAYS)', example: 30 })
  @IsOptional() @IsInt() @Min(1) @Max(3650)
  expires_in_days?: number;
}

export class UploadCredentialFileDto {
  @ApiProperty({ description: 'Catalog server id', example: 'io.github.gongrzhe/gmail-mcp-server' })
  @IsString() @MinLength(1) @MaxLength(300)
  server!: string;

  @ApiProperty({ description: 'The file credential key the server declares', example: 'GMAIL_OAUTH_PATH' })
  @IsString() @MinLength(1) @MaxLength(200)
  key!: string;

  @ApiPropertyOptional({ description: 'Days until the file expires', example: 30 })
  @IsOptional() @IsString() @Matches(/^[1-9][0-9]{0,3}$/, { message: 'expires_in_days must be a whole number of days' })
  expires_in_days?: string;
}

export class CredentialStatusDto {
  @ApiProperty({ example: 'github.com/github/github-mcp-server' }) mcp_server!: string;
  @ApiProperty({ example: 'GITHUB_PERSONAL_ACCESS_TOKEN' }) credential_key!: string;
  @ApiProperty({ enum: CREDENTIAL_STATUSES }) status!: CredentialStatus;
  @ApiProperty({ type: String, format: 'date-time' }) expires_at!: string;
}

export class CredentialListDto {
  @ApiProperty({ type: [CredentialStatusDto] }) credentials!: CredentialStatusDto[];
}

export class CredentialValidationDto {
  @ApiProperty() mcp_server!: string;
  @ApiProperty({ enum: CREDENTIAL_STATUSES }) status!: CredentialStatus;
  @ApiProperty({ description: 'Why: the format problem, the server error (secrets removed), or what succeeded' }) reason!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expires_at!: string | null;
  @ApiProperty({ type: [CredentialStatusDto] }) credentials!: CredentialStatusDto[];
}

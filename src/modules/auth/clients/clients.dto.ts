import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ALL_SCOPES } from '../auth.scopes';

/** RFC 6749 §4.4.2 request, form-encoded or JSON; every field optional here so the service can answer in RFC terms. */
export class TokenRequestDto {
  @ApiProperty({ example: 'client_credentials' }) @IsOptional() @IsString() @MaxLength(100)
  grant_type?: string;

  @ApiPropertyOptional({ description: 'client_secret_post only' }) @IsOptional() @IsString() @MaxLength(200)
  client_id?: string;

  @ApiPropertyOptional({ description: 'client_secret_post only' }) @IsOptional() @IsString() @MaxLength(500)
  client_secret?: string;

  @ApiPropertyOptional({ description: 'space-separated subset of the granted scopes', example: 'agents:write' }) @IsOptional() @IsString() @MaxLength(1000)
  scope?: string;
}

export class TokenResponseDto {
  @ApiProperty() access_token!: string;
  @ApiProperty({ example: 'Bearer' }) token_type!: 'Bearer';
  @ApiProperty({ example: 3600 }) expires_in!: number;
  @ApiProperty({ example: 'agents:write' }) scope!: string;
}

export class CreateServiceClientDto {
  @ApiProperty({ example: 'billing-service' }) @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiProperty({ example: ['agents:write', 'agents:run'], enum: ALL_SCOPES, isArray: true })
  @IsArray() @ArrayMaxSize(ALL_SCOPES.length) @IsIn([...ALL_SCOPES], { each: true })
  scopes!: string[];
}

export class ServiceClientDto {
  @ApiProperty({ description: 'the owner id of everything this client creates' }) id!: string;
  @ApiProperty() client_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ isArray: true, type: String }) scopes!: string[];
  @ApiProperty() created_at!: string;
  @ApiProperty({ nullable: true, type: String }) last_used_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) revoked_at!: string | null;
}

export class CreatedServiceClientDto extends ServiceClientDto {
  @ApiProperty({ description: 'shown only in this response; store it now' }) client_secret!: string;
}

export class ServiceClientListDto {
  @ApiProperty({ type: [ServiceClientDto] }) clients!: ServiceClientDto[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CatalogToolResponse {
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) input_schema?: Record<string, unknown>;
}

export class CatalogCredentialResponse {
  @ApiProperty({ example: 'SLACK_BOT_TOKEN' }) key!: string;
  @ApiProperty({ enum: ['token', 'setting', 'file'] }) kind!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty({ description: 'Secret values are stored encrypted and never shown' }) secret!: boolean;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String], description: 'Steps to obtain the value' }) instructions!: string[];
  @ApiProperty({ enum: ['string', 'file'] }) format!: string;
  @ApiPropertyOptional({ description: 'Anchored regular expression a well-formed value matches' }) pattern?: string;
  @ApiPropertyOptional() pattern_hint?: string;
  @ApiPropertyOptional({ example: 'json' }) file_type?: string;
  @ApiPropertyOptional({ example: 'google_oauth_client' }) file_shape?: string;
}

export class CatalogLaunchOptionResponse {
  @ApiProperty({ enum: ['stdio', 'streamable-http', 'sse'] }) transport!: string;
  @ApiPropertyOptional() command?: string;
  @ApiPropertyOptional({ type: [String] }) args?: string[];
  @ApiPropertyOptional() url?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Header templates with {KEY} placeholders' })
  headers?: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Variables the server reads, with defaults' })
  env!: Record<string, string>;
  @ApiPropertyOptional({ example: 'npm' }) package_registry?: string;
  @ApiPropertyOptional() package_identifier?: string;
}

export class CatalogValidationToolResponse {
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) arguments!: Record<string, unknown>;
}

export class CatalogServerResponse {
  @ApiProperty({ example: 'github.com/github/github-mcp-server' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiProperty({ nullable: true, type: String }) repository!: string | null;
  @ApiProperty({ example: 'starter' }) source!: string;
  @ApiProperty({ type: [CatalogToolResponse] }) tools!: CatalogToolResponse[];
  @ApiProperty({ type: [CatalogCredentialResponse] }) credentials!: CatalogCredentialResponse[];
  @ApiProperty({ type: [CatalogLaunchOptionResponse] }) launch_options!: CatalogLaunchOptionResponse[];
  @ApiProperty({ type: CatalogValidationToolResponse, nullable: true }) validation_tool!: CatalogValidationToolResponse | null;
}

export class CatalogSourceCount {
  @ApiProperty() source!: string;
  @ApiProperty() servers!: number;
}

export class CatalogStatsResponse {
  @ApiProperty() servers!: number;
  @ApiProperty() tools!: number;
  @ApiProperty() launch_options!: number;
  @ApiProperty() credential_requirements!: number;
  @ApiProperty() servers_with_launch_options!: number;
  @ApiProperty() servers_needing_credentials!: number;
  @ApiProperty({ type: [CatalogSourceCount] }) by_source!: CatalogSourceCount[];
}

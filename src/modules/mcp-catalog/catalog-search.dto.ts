import { ApiProperty } from '@nestjs/swagger';

export class CatalogSearchToolResponse {
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
}

export class CatalogSearchCredentialResponse {
  @ApiProperty({ example: 'SLACK_BOT_TOKEN' }) key!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty() secret!: boolean;
}

export class CatalogSearchHitResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Higher is better; comparable within one response' }) score!: number;
  @ApiProperty({ type: [CatalogSearchToolResponse] }) tools!: CatalogSearchToolResponse[];
  @ApiProperty({ type: [CatalogSearchCredentialResponse] }) credentials!: CatalogSearchCredentialResponse[];
  @ApiProperty({ type: [CatalogSearchToolResponse], description: 'Tools whose name or description matched the request' })
  matched_tools!: CatalogSearchToolResponse[];
  @ApiProperty({ type: [String], example: ['name', 'tools', 'vector'], description: '`full_text_only` while vectors are being built' })
  matched_fields!: string[];
  @ApiProperty({ description: 'One sentence on why it ranked here' }) reason!: string;
}

export class CatalogSearchResponse {
  @ApiProperty({ type: [CatalogSearchHitResponse] }) results!: CatalogSearchHitResponse[];
  @ApiProperty() took_ms!: number;
}

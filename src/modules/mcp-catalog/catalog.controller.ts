import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../../common/decorators/scopes.decorator';
import { CatalogServerResponse, CatalogStatsResponse } from './catalog.dto';
import { CatalogService } from './catalog.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('api/catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('stats')
  @Scopes('catalog:read')
  @ApiOperation({ summary: 'Counts of servers, tools, launch options and credential requirements, per source' })
  @ApiOkResponse({ type: CatalogStatsResponse })
  stats(): Promise<CatalogStatsResponse> {
    return this.catalog.stats();
  }

  @Get('servers/:id')
  @Scopes('catalog:read')
  @ApiOperation({ summary: 'One catalog server with its tools, credentials and launch options' })
  @ApiParam({ name: 'id', description: 'The server id, URL-encoded (github.com%2Fowner%2Frepo)' })
  @ApiOkResponse({ type: CatalogServerResponse })
  @ApiNotFoundResponse({ description: 'CATALOG_SERVER_NOT_FOUND' })
  getServer(@Param('id') id: string): Promise<CatalogServerResponse> {
    return this.catalog.getServerResponse(id);
  }
}

import { Controller, createParamDecorator, ExecutionContext, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Scopes } from '../../common/decorators/scopes.decorator';
import { CatalogSearchResponse } from './catalog-search.dto';
import { CatalogSearchService } from './catalog-search.service';

/** The raw query string: parameters are decoded by the service, which rejects bytes that are not UTF-8. */
const RawQueryString = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const url = ctx.switchToHttp().getRequest<Request>().originalUrl;
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
});

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('api/catalog')
export class CatalogSearchController {
  constructor(private readonly searchService: CatalogSearchService) {}

  @Get('search')
  @Scopes('catalog:read')
  @ApiOperation({ summary: 'Find catalog servers for a plain-language request (hybrid full-text + vector, re-ranked)' })
  @ApiQuery({ name: 'q', required: true, description: 'The request, 1 to 2,000 characters of UTF-8 text' })
  @ApiQuery({ name: 'limit', required: false, description: 'Results to return, 1 to 50 (default 10)' })
  @ApiQuery({ name: 'category', required: false, description: 'Only servers in this category (one present in the catalog)' })
  @ApiOkResponse({ type: CatalogSearchResponse })
  @ApiBadRequestResponse({ description: 'CATALOG_SEARCH_QUERY_EMPTY, _QUERY_TOO_LONG, _QUERY_NOT_UTF8, _LIMIT_OUT_OF_RANGE, _UNKNOWN_CATEGORY, _BAD_PARAMETER' })
  search(@RawQueryString() rawQueryString: string): Promise<CatalogSearchResponse> {
    return this.searchService.searchResponse(rawQueryString);
  }
}

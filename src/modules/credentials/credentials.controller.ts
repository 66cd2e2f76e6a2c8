import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal } from '../../common/decorators/current-principal.decorator';
import { Scopes } from '../../common/decorators/scopes.decorator';
import { CredentialListDto, CredentialStatusDto, CredentialValidationDto, PutCredentialDto, UploadCredentialFileDto } from './credentials.dto';
import { CredentialsService, UploadedCredentialFile } from './credentials.service';

const SERVER_PARAM = { name: 'server', description: 'Catalog server id, URL-encoded (github.com%2Fowner%2Frepo)' };

@ApiTags('credentials')
@ApiBearerAuth()
@Scopes('credentials')
@Controller('api/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get()
  @ApiOperation({ summary: "The caller's credentials as status rows (never values)" })
  @ApiOkResponse({ type: CredentialListDto })
  list(@CurrentPrincipal() principal: Principal) {
    return this.credentials.list(principal);
  }

  @Put(':server/:key')
  @ApiOperation({ summary: 'Store (or replace) one credential value, encrypted; the value is never echoed' })
  @ApiParam(SERVER_PARAM)
  @ApiOkResponse({ type: CredentialStatusDto })
  put(@CurrentPrincipal() principal: Principal, @Param('server') server: string, @Param('key') key: string, @Body() body: PutCredentialDto) {
    return this.credentials.put(principal, server, key, body);
  }

  @Delete(':server/:key')
  @HttpCode(204)
  @ApiParam(SERVER_PARAM)
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('server') server: string, @Param('key') key: string): Promise<void> {
    return this.credentials.remove(principal, server, key);
  }

  @Post('files')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload a credential file (e.g. a Google OAuth client JSON); checked, then stored encrypted' })
  @ApiBody({ schema: { type: 'object', required: ['server', 'key', 'file'], properties: { server: { type: 'string' }, key: { type: 'string' }, expires_in_days: { type: 'string' }, file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: CredentialStatusDto })
  upload(@CurrentPrincipal() principal: Principal, @Body() body: UploadCredentialFileDto, @UploadedFile() file: UploadedCredentialFile | undefined) {
    return this.credentials.uploadFile(principal, body, file);
  }

  @Post(':server/validate')
  @HttpCode(200)
  @ApiOperation({ summary: "Check the caller's credentials for a server: format rules, then a live MCP session" })
  @ApiParam(SERVER_PARAM)
  @ApiOkResponse({ type: CredentialValidationDto })
  validate(@CurrentPrincipal() principal: Principal, @Param('server') server: string) {
    return this.credentials.validate(principal, server);
  }
}

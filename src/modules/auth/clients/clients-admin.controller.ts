import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../../../common/decorators/scopes.decorator';
import { AuthScope } from '../auth.scopes';
import { CreatedServiceClientDto, CreateServiceClientDto, ServiceClientListDto } from './clients.dto';
import { ServiceClientsService } from './service-clients.service';

@ApiTags('admin')
@ApiBearerAuth('bearer')
@Controller('api/admin/clients')
@Scopes(AuthScope.CLIENTS_ADMIN)
export class ClientsAdminController {
  constructor(private readonly clients: ServiceClientsService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedServiceClientDto, description: 'The secret is in this response only' })
  create(@Body() body: CreateServiceClientDto): Promise<CreatedServiceClientDto> {
    return this.clients.create(body.name, body.scopes);
  }

  @Get()
  @ApiOkResponse({ type: ServiceClientListDto })
  async list(): Promise<ServiceClientListDto> {
    return { clients: await this.clients.list() };
  }

  @Delete(':client_id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: no new tokens, and tokens already issued stop working' })
  revoke(@Param('client_id') clientId: string): Promise<void> {
    return this.clients.revoke(clientId);
  }
}

import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../../common/decorators/public.decorator';
import { HttpDomainError } from '../../common/errors/domain-error';
import { DatabaseHealthIndicator } from './database.health';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  @Get()
  @Public()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ description: 'The service and its database are up' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; details name it' })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.check()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const details = error.getResponse() as Record<string, unknown>;
      throw new HttpDomainError(503, 'SERVICE_UNAVAILABLE', 'A dependency of the service is down', details);
    }
  }
}

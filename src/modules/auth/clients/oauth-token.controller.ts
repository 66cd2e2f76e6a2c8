import { Body, Controller, Header, Headers, HttpCode, Ip, Post, UseFilters } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../common/decorators/public.decorator';
import { ClientCredentialsService } from './client-credentials.service';
import { TokenRequestDto, TokenResponseDto } from './clients.dto';
import { OAuthErrorFilter } from './oauth-error.filter';

@ApiTags('auth')
@Controller('oauth')
@UseFilters(OAuthErrorFilter)
export class OAuthTokenController {
  constructor(private readonly clientCredentials: ClientCredentialsService) {}

  @Post('token')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  @ApiOperation({ summary: 'OAuth2 client-credentials grant for service clients (client_secret_basic or client_secret_post)' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOkResponse({ type: TokenResponseDto })
  token(@Body() body: TokenRequestDto, @Headers('authorization') authorization: string | undefined, @Ip() ip: string): Promise<TokenResponseDto> {
    return this.clientCredentials.exchange(body, authorization, ip);
  }
}

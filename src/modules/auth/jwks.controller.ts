import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/decorators/public.decorator';
import { PublicJwk, TokenSigningService } from './token-signing.service';

@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly signing: TokenSigningService) {}

  @Get('jwks.json')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ description: 'The public keys that verify the tokens this service signs' })
  jwks(): { keys: PublicJwk[] } {
    return this.signing.publicJwks();
  }
}

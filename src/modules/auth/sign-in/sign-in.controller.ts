import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../common/decorators/public.decorator';
import { GoogleSignInDto, RefreshDto, SessionTokensDto } from './sign-in.dto';
import { SignInService } from './sign-in.service';

@ApiTags('auth')
@Controller('api/auth')
export class SignInController {
  constructor(private readonly signIn: SignInService) {}

  @Post('google')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: "Exchange a Google ID token for the service's access and refresh tokens" })
  @ApiOkResponse({ type: SessionTokensDto })
  google(@Body() body: GoogleSignInDto): Promise<SessionTokensDto> {
    return this.signIn.signInWithGoogle(body.access_token);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate a refresh token; reusing a rotated one revokes its whole family' })
  @ApiOkResponse({ type: SessionTokensDto })
  refresh(@Body() body: RefreshDto): Promise<SessionTokensDto> {
    return this.signIn.refresh(body.refresh_token);
  }
}

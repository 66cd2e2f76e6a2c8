import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';
import { AuthEnv } from '../../../config/env';
import { GoogleEmailNotVerifiedError, InvalidRefreshTokenError } from '../auth.errors';
import { scopesForUser } from '../auth.scopes';
import { TokenSigningService } from '../token-signing.service';
import { GoogleIdTokenVerifier } from './google-id-token.verifier';
import { RefreshTokenService } from './refresh-token.service';
import { SessionTokensDto } from './sign-in.dto';
import { UserRecord, UsersRepository } from './users.repository';

/** Google sign-in and refresh: both end with the service's own access token and a fresh refresh token. */
@Injectable()
export class SignInService {
  private readonly env: AuthEnv;

  constructor(
    private readonly google: GoogleIdTokenVerifier,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokenService,
    private readonly signing: TokenSigningService,
    config: AppConfig,
  ) {
    this.env = config.get(AuthEnv);
  }

  async signInWithGoogle(idToken: string): Promise<SessionTokensDto> {
    const identity = await this.google.verify(idToken);
    if (this.env.AUTH_GOOGLE_REQUIRE_VERIFIED_EMAIL && !identity.emailVerified) throw new GoogleEmailNotVerifiedError();
    const user = await this.users.upsertByGoogleSubject(identity.subject, identity.emailVerified ? identity.email : null);
    return this.session(user, (await this.refreshTokens.issue(user.id)).token);
  }

  async refresh(refreshToken: string): Promise<SessionTokensDto> {
    const next = await this.refreshTokens.rotate(refreshToken);
    const user = await this.users.findById(next.userId);
    if (!user) throw new InvalidRefreshTokenError();
    return this.session(user, next.token);
  }

  private session(user: UserRecord, refreshToken: string): SessionTokensDto {
    const scopes = scopesForUser(user.id, this.env.AUTH_ADMIN_SUBJECTS);
    const access = this.signing.issueAccessToken({ subject: user.id, kind: 'user', scopes });
    return { access_token: access.accessToken, token_type: 'Bearer', expires_in: access.expiresIn, refresh_token: refreshToken, user: { id: user.id, email: user.email } };
  }
}

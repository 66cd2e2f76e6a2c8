import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ScopesAuthGuard } from '../../common/guards/scopes-auth.guard';
import { ClientCredentialsService } from './clients/client-credentials.service';
import { ClientsAdminController } from './clients/clients-admin.controller';
import { OAuthTokenController } from './clients/oauth-token.controller';
import { ServiceClientsRepository } from './clients/service-clients.repository';
import { ServiceClientsService } from './clients/service-clients.service';
import { IssuerRegistry } from './issuers/issuer-registry';
import { JwksController } from './jwks.controller';
import { JwtStrategy } from './jwt/jwt.strategy';
import { GoogleIdTokenVerifier } from './sign-in/google-id-token.verifier';
import { RefreshTokenService } from './sign-in/refresh-token.service';
import { RefreshTokensRepository } from './sign-in/refresh-tokens.repository';
import { SignInController } from './sign-in/sign-in.controller';
import { SignInService } from './sign-in/sign-in.service';
import { UsersRepository } from './sign-in/users.repository';
import { TokenSigningService } from './token-signing.service';

/** Verifies every request (global guard), signs the service's tokens, runs Google sign-in and the client-credentials grant. */
@Module({
  imports: [PassportModule],
  controllers: [JwksController, SignInController, OAuthTokenController, ClientsAdminController],
  providers: [
    TokenSigningService,
    IssuerRegistry,
    JwtStrategy,
    { provide: APP_GUARD, useClass: ScopesAuthGuard },
    GoogleIdTokenVerifier,
    UsersRepository,
    RefreshTokensRepository,
    RefreshTokenService,
    SignInService,
    ServiceClientsRepository,
    ServiceClientsService,
    ClientCredentialsService,
  ],
  exports: [TokenSigningService, ServiceClientsService],
})
export class AuthModule {}

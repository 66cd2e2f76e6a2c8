import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Algorithm } from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Principal } from '../../../common/auth/principal';
import { ServiceClientsService } from '../clients/service-clients.service';
import { IssuerRegistry, TokenRejected } from '../issuers/issuer-registry';
import type { JwtClaims } from './jwt-codec';

/**
 * Bearer tokens through passport-jwt: the key comes from the registry by issuer and kid, and
 * jsonwebtoken checks signature, algorithm, issuer, audience, exp and nbf; validate() then pairs
 * the audience with its issuer and turns the claims into a Principal.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly registry: IssuerRegistry,
    private readonly clients: ServiceClientsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_req: unknown, rawToken: string, done: (err: unknown, key?: string) => void) => {
        // PEM rather than the KeyObject: the typings accept strings, and jsonwebtoken parses PEM itself.
        registry.resolveKey(rawToken).then((key) => done(null, key.export({ type: 'spki', format: 'pem' }) as string), (error: unknown) => done(error));
      },
      algorithms: registry.allAlgorithms() as Algorithm[],
      issuer: registry.allIssuers(),
      audience: registry.allAudiences(),
      jsonWebTokenOptions: { clockTolerance: registry.clockToleranceSeconds },
    });
  }

  async validate(claims: JwtClaims): Promise<Principal> {
    const principal = this.registry.principalFor(claims);
    if (principal.kind === 'client' && (await this.clients.isRevoked(principal.ownerId))) throw new TokenRejected('client revoked');
    return principal;
  }
}

import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { AppConfig } from '../../config/app-config';
import { AuthEnv } from '../../config/env';
import { scopesForUser, unknownScopes } from '../../modules/auth/auth.scopes';
import { TokenSigningService } from '../../modules/auth/token-signing.service';
import { parseDuration } from './duration';

interface IssueOptions {
  sub: string;
  scopes?: string[];
  ttl?: number;
}

@SubCommand({ name: 'issue', description: "print a user access token signed with the service's key (needs no database)" })
export class TokenIssueCommand extends CommandRunner {
  constructor(
    private readonly signing: TokenSigningService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_args: string[], options: IssueOptions): Promise<void> {
    if (!options.sub) throw new Error('--sub <user> is required');
    const scopes = options.scopes ?? scopesForUser(options.sub, this.config.get(AuthEnv).AUTH_ADMIN_SUBJECTS);
    const unknown = unknownScopes(scopes);
    if (unknown.length) throw new Error(`Unknown scope(s): ${unknown.join(', ')}`);
    const { accessToken } = this.signing.issueAccessToken({ subject: options.sub, kind: 'user', scopes, ttlSeconds: options.ttl });
    // The token alone on stdout, so `TOKEN=$(npm run -s cli -- token issue --sub me)` works.
    process.stdout.write(`${accessToken}\n`);
    return Promise.resolve();
  }

  @Option({ flags: '--sub <user>', description: 'the user id (token subject) the token stands for', required: true })
  parseSub(value: string): string {
    return value;
  }

  @Option({ flags: '--scopes <list>', description: 'comma-separated scopes (default: every user scope)' })
  parseScopes(value: string): string[] {
    return value.split(',').map((s) => s.trim()).filter(Boolean);
  }

  @Option({ flags: '--ttl <duration>', description: 'lifetime such as 15m, 1h or 7d (default: AUTH_ACCESS_TOKEN_TTL_SECONDS)' })
  parseTtl(value: string): number {
    return parseDuration(value);
  }
}

@Command({ name: 'token', description: 'development tokens', subCommands: [TokenIssueCommand] })
export class TokenCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}

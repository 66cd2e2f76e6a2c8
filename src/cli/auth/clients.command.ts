import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { ServiceClientsService } from '../../modules/auth/clients/service-clients.service';

@SubCommand({ name: 'create', description: 'create a service client and print its id and secret (shown once)' })
export class ClientsCreateCommand extends CommandRunner {
  constructor(private readonly clients: ServiceClientsService) {
    super();
  }

  async run(_args: string[], options: { name?: string; scopes?: string[] }): Promise<void> {
    if (!options.name) throw new Error('--name <name> is required');
    const created = await this.clients.create(options.name, options.scopes ?? []);
    process.stdout.write(
      `client_id=${created.client_id}\nclient_secret=${created.client_secret}\nscopes=${created.scopes.join(' ')}\n` +
        `id=${created.id}\n# Store the secret now: only its hash is kept.\n`,
    );
  }

  @Option({ flags: '--name <name>', description: 'what the client is, e.g. billing-service', required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--scopes <list>', description: 'comma-separated scopes granted to the client, e.g. agents:write,agents:run' })
  parseScopes(value: string): string[] {
    return value.split(',').map((s) => s.trim()).filter(Boolean);
  }
}

@SubCommand({ name: 'list', description: 'list service clients (never their secrets)' })
export class ClientsListCommand extends CommandRunner {
  constructor(private readonly clients: ServiceClientsService) {
    super();
  }

  async run(): Promise<void> {
    const clients = await this.clients.list();
    if (!clients.length) process.stdout.write('No service clients.\n');
    for (const c of clients) {
      const state = c.revoked_at ? `revoked ${c.revoked_at}` : 'active';
      process.stdout.write(`${c.client_id}  ${c.name}  [${c.scopes.join(' ')}]  ${state}  last used ${c.last_used_at ?? 'never'}\n`);
    }
  }
}

@SubCommand({ name: 'revoke', arguments: '<client_id>', description: 'revoke a service client: it can no longer obtain tokens' })
export class ClientsRevokeCommand extends CommandRunner {
  constructor(private readonly clients: ServiceClientsService) {
    super();
  }

  async run([clientId]: string[]): Promise<void> {
    await this.clients.revoke(clientId);
    process.stdout.write(`Revoked ${clientId}\n`);
  }
}

@Command({ name: 'clients', description: 'service clients for the client-credentials grant', subCommands: [ClientsCreateCommand, ClientsListCommand, ClientsRevokeCommand] })
export class ClientsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}

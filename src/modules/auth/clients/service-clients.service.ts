import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '../../../common/errors/domain-error';
import { unknownScopes } from '../auth.scopes';
import { decoyClientSecretHash, generateClientId, generateClientSecret, hashClientSecret, verifyClientSecret } from './client-secret';
import { ServiceClientRecord, ServiceClientsRepository } from './service-clients.repository';

export interface ServiceClientView {
  id: string;
  client_id: string;
  name: string;
  scopes: string[];
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedServiceClient extends ServiceClientView {
  /** Shown once, at creation; only its scrypt hash is stored. */
  client_secret: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Revocation through this process is seen at once; through the CLI (another process) within this time.
const REVOCATION_CACHE_MS = 30_000;

/** Service clients for the client-credentials grant: created, listed and revoked by admins and the CLI. */
@Injectable()
export class ServiceClientsService {
  private readonly logger = new Logger(ServiceClientsService.name);
  private readonly revocations = new Map<string, { revoked: boolean; checkedAt: number }>();

  constructor(private readonly clients: ServiceClientsRepository) {}

  async create(name: string, scopes: string[]): Promise<CreatedServiceClient> {
    const unknown = unknownScopes(scopes);
    if (unknown.length) throw new ValidationFailedError(`Unknown scope(s): ${unknown.join(', ')}`, { unknown_scopes: unknown });
    const secret = generateClientSecret();
    const record = await this.clients.create({ clientId: generateClientId(), name, scopes: [...new Set(scopes)], secretHash: await hashClientSecret(secret) });
    this.logger.log({ client_id: record.clientId, scopes: record.scopes }, 'Service client created');
    return { ...this.map(record), client_secret: secret };
  }

  async list(): Promise<ServiceClientView[]> {
    return (await this.clients.list()).map((c) => this.map(c));
  }

  async revoke(clientId: string): Promise<void> {
    if (!(await this.clients.revoke(clientId, new Date()))) throw new NotFoundError('SERVICE_CLIENT_NOT_FOUND', 'No active service client with this client_id');
    const client = await this.clients.findByClientId(clientId);
    if (client) this.revocations.set(client.id, { revoked: true, checkedAt: Date.now() });
    this.logger.log({ client_id: clientId }, 'Service client revoked');
  }

  /** The active client with this id and secret, or undefined; unknown ids cost the same scrypt work as known ones. */
  async authenticate(clientId: string, secret: string): Promise<ServiceClientRecord | undefined> {
    const client = await this.clients.findByClientId(clientId);
    const matches = await verifyClientSecret(secret, client?.secretHash ?? (await decoyClientSecretHash()));
    if (!client || !matches || client.revokedAt) return undefined;
    await this.clients.touchLastUsed(client.id, new Date());
    return client;
  }

  /**
   * Whether tokens already issued to this client (by service_clients.id) must stop working. Only a
   * known, revoked row counts: the token's signature already proves we issued it.
   */
  async isRevoked(id: string): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const cached = this.revocations.get(id);
    if (cached && Date.now() - cached.checkedAt < REVOCATION_CACHE_MS) return cached.revoked;
    const revoked = Boolean(await this.clients.findRevokedAt(id));
    if (this.revocations.size > 10_000) this.revocations.clear();
    this.revocations.set(id, { revoked, checkedAt: Date.now() });
    return revoked;
  }

  private map(record: ServiceClientRecord): ServiceClientView {
    return {
      id: record.id,
      client_id: record.clientId,
      name: record.name,
      scopes: record.scopes,
      created_at: record.createdAt.toISOString(),
      last_used_at: record.lastUsedAt?.toISOString() ?? null,
      revoked_at: record.revokedAt?.toISOString() ?? null,
    };
  }
}

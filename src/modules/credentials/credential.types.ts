import type { SealedSecret } from './crypto/credential-cipher';

export const CREDENTIAL_STATUSES = ['valid', 'invalid', 'expired', 'unverified'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export type AuditAction = 'create' | 'update' | 'decrypt' | 'validate' | 'delete' | 'expire';

/** One stored credential as the repository returns it (plain object, no Prisma types). */
export interface CredentialRecord extends SealedSecret {
  id: string;
  ownerId: string;
  serverId: string;
  key: string;
  kind: string;
  fileName: string | null;
  fileType: string | null;
  status: CredentialStatus;
  statusReason: string | null;
  validatedAt: Date | null;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** Just enough of a record to tell whether it counts as present (see effectiveStatus). */
export type CredentialStatusRow = Pick<CredentialRecord, 'serverId' | 'key' | 'status' | 'expiresAt'>;

export interface NewCredential extends SealedSecret {
  serverId: string;
  key: string;
  kind: string;
  fileName?: string | null;
  fileType?: string | null;
  status: CredentialStatus;
  statusReason?: string | null;
  expiresAt: Date;
}

/** An audit row: never the value. `actorId` is who acted (a user, a client, or `system`). */
export interface AuditEvent {
  ownerId: string;
  actorId: string;
  serverId: string;
  key: string;
  action: AuditAction;
  outcome: 'success' | 'failure' | 'granted';
  purpose?: string | null;
  detail?: string | null;
}

export interface AuditRecord extends AuditEvent {
  id: string;
  createdAt: Date;
}

import type { Principal } from '../../../common/auth/principal';

/** Contract shapes (snake_case) as the chat response carries them. */
export interface RequiredCredential {
  mcp_server: string;
  credential_key: string;
  description: string;
  instructions: string[];
  /** Why a supplied value was refused, when one was. */
  reason?: string;
}

export interface RequiredFile {
  key: string;
  description: string;
  file_type: string;
  mcp_server?: string;
  reason?: string;
}

export interface MissingCredentials {
  required_credentials: RequiredCredential[];
  required_files: RequiredFile[];
  optional: Array<{ mcp_server: string; credential_key: string; description: string }>;
}

export interface CredentialFileInput {
  filename: string;
  /** base64 */
  content: string;
  type: 'credential' | 'config' | 'other';
  key?: string;
  server?: string;
}

export interface StoredItemResult {
  mcp_server: string;
  credential_key: string;
  ok: boolean;
  /** Why it was refused (never contains the value). */
  reason?: string;
}

/**
 * What agents and orchestration need from the credentials module: what an owner still lacks for a
 * set of servers, and storing supplied values (validated, encrypted) before anything else happens.
 */
export abstract class CredentialsPort {
  abstract missingFor(ownerId: string, serverIds: string[]): Promise<MissingCredentials>;
  abstract storeMany(principal: Principal, credentialsByServer: Record<string, Record<string, string>>, files: CredentialFileInput[]): Promise<StoredItemResult[]>;
}

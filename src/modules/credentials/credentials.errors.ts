import { DomainError } from '../../common/errors/domain-error';

export const CredentialErrorCode = {
  SERVER_UNKNOWN: 'CREDENTIAL_SERVER_UNKNOWN',
  KEY_NOT_DECLARED: 'CREDENTIAL_KEY_NOT_DECLARED',
  NOT_FOUND: 'CREDENTIAL_NOT_FOUND',
  WRONG_KIND: 'CREDENTIAL_WRONG_KIND',
  FORMAT_INVALID: 'CREDENTIAL_FORMAT_INVALID',
  TTL_TOO_LONG: 'CREDENTIAL_TTL_TOO_LONG',
  FILE_REJECTED: 'CREDENTIAL_FILE_REJECTED',
  FILE_TOO_LARGE: 'CREDENTIAL_FILE_TOO_LARGE',
  TOO_MANY_FILES: 'CREDENTIAL_TOO_MANY_FILES',
  MISSING: 'CREDENTIAL_MISSING',
  UNREADABLE: 'CREDENTIAL_UNREADABLE',
} as const;

/** A credentials error; messages name servers and keys, never values. */
export class CredentialError extends DomainError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}

export const credentialErrors = {
  serverUnknown: (serverId: string) => new CredentialError(404, CredentialErrorCode.SERVER_UNKNOWN, 'No catalog server has this id', { mcp_server: serverId }),
  keyNotDeclared: (serverId: string, key: string) =>
    new CredentialError(400, CredentialErrorCode.KEY_NOT_DECLARED, 'The server does not declare this credential key', { mcp_server: serverId, credential_key: key }),
  notFound: (serverId: string, key: string) => new CredentialError(404, CredentialErrorCode.NOT_FOUND, 'No stored credential for this server and key', { mcp_server: serverId, credential_key: key }),
  wrongKind: (serverId: string, key: string, expected: 'file' | 'value') =>
    new CredentialError(400, CredentialErrorCode.WRONG_KIND, expected === 'file' ? 'This credential is a file: upload it to /api/credentials/files' : 'This credential is a value, not a file', {
      mcp_server: serverId,
      credential_key: key,
    }),
  formatInvalid: (serverId: string, key: string, reason: string) =>
    new CredentialError(400, CredentialErrorCode.FORMAT_INVALID, reason, { mcp_server: serverId, credential_key: key }),
  ttlTooLong: (max: number) => new CredentialError(400, CredentialErrorCode.TTL_TOO_LONG, `expires_in_days may be at most ${max}`, { max_days: max }),
  fileRejected: (reason: string) => new CredentialError(400, CredentialErrorCode.FILE_REJECTED, reason),
  fileTooLarge: (max: number) => new CredentialError(413, CredentialErrorCode.FILE_TOO_LARGE, `Credential files may be at most ${max} bytes`, { max_bytes: max }),
  tooManyFiles: (max: number) => new CredentialError(400, CredentialErrorCode.TOO_MANY_FILES, `At most ${max} credential files per request`, { max_files: max }),
  missing: (serverId: string, keys: string[]) =>
    new CredentialError(409, CredentialErrorCode.MISSING, 'Required credentials are missing or expired', { mcp_server: serverId, credential_keys: keys }),
  unreadable: (serverId: string, key: string) =>
    new CredentialError(500, CredentialErrorCode.UNREADABLE, 'A stored credential failed authentication and was not used', { mcp_server: serverId, credential_key: key }),
};

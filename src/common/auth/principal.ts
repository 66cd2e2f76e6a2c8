/**
 * Who is calling, as established by the auth guard from a verified token and nothing else. The
 * owner id keys every owned row: a user's id, or a service client's id.
 */
export interface Principal {
  /** The owner of the rows this caller creates and may see. */
  ownerId: string;
  kind: 'user' | 'client';
  /** Scopes granted to this token (`chat`, `sessions`, `agents:write`, ...). */
  scopes: string[];
  /** The token's issuer, for audit trails. */
  issuer: string;
}

/** Where the auth guard leaves the principal on the request. */
export const PRINCIPAL_REQUEST_KEY = 'principal';

/**
 * Every scope a route may require. Users get USER_SCOPES; ADMIN_SCOPES go to service clients that
 * were granted them and to users listed in AUTH_ADMIN_SUBJECTS.
 */
export const AuthScope = {
  CHAT: 'chat',
  SESSIONS: 'sessions',
  AGENTS_READ: 'agents:read',
  AGENTS_WRITE: 'agents:write',
  AGENTS_RUN: 'agents:run',
  CREDENTIALS: 'credentials',
  CATALOG_READ: 'catalog:read',
  CATALOG_ADMIN: 'catalog:admin',
  CLIENTS_ADMIN: 'clients:admin',
} as const;

export type AuthScopeName = (typeof AuthScope)[keyof typeof AuthScope];

export const USER_SCOPES: readonly string[] = [
  AuthScope.CHAT,
  AuthScope.SESSIONS,
  AuthScope.AGENTS_READ,
  AuthScope.AGENTS_WRITE,
  AuthScope.AGENTS_RUN,
  AuthScope.CREDENTIALS,
  AuthScope.CATALOG_READ,
];

export const ADMIN_SCOPES: readonly string[] = [AuthScope.CATALOG_ADMIN, AuthScope.CLIENTS_ADMIN];

export const ALL_SCOPES: readonly string[] = [...USER_SCOPES, ...ADMIN_SCOPES];

/** The scopes a user gets: the user scopes, plus the admin scopes when listed as an admin. */
export function scopesForUser(subject: string, adminSubjects: readonly string[]): string[] {
  return adminSubjects.includes(subject) ? [...ALL_SCOPES] : [...USER_SCOPES];
}

export function unknownScopes(scopes: readonly string[]): string[] {
  return scopes.filter((scope) => !ALL_SCOPES.includes(scope));
}

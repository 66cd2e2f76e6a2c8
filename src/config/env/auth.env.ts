import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, MinLength, registerDecorator, ValidationOptions } from 'class-validator';
import { Expects, Sensitive } from '../env-metadata';
import { ToBool, ToInt, ToList, Trimmed } from '../env-transforms';

/** Passes when the value is unset or parses with `parse` without throwing (the parsers live in the auth module). */
function ParsesWith(parse: (raw: string) => unknown, options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'parsesWith',
      target: target.constructor,
      propertyName: String(property),
      options,
      validator: {
        validate(value: unknown): boolean {
          if (value === undefined) return true;
          if (typeof value !== 'string') return false;
          try {
            parse(value);
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}

function parseJsonArray(raw: string): unknown[] {
  const value: unknown = JSON.parse(raw);
  if (!Array.isArray(value)) throw new Error('not an array');
  return value;
}

function parseIssuerList(raw: string): void {
  for (const item of parseJsonArray(raw)) {
    const issuer = item as Record<string, unknown>;
    const ok = typeof issuer.name === 'string' && typeof issuer.issuer === 'string' && typeof issuer.jwks_uri === 'string' && (typeof issuer.audience === 'string' || Array.isArray(issuer.audience));
    if (!ok) throw new Error('bad issuer');
  }
}

function parseSigningKeys(raw: string): void {
  if (raw.trim().startsWith('[')) {
    for (const item of parseJsonArray(raw)) if (typeof (item as Record<string, unknown>).kid !== 'string') throw new Error('bad key');
    return;
  }
  for (const entry of raw.split(',')) if (!/^[A-Za-z0-9._-]+:[A-Za-z0-9+/=_-]+$/.test(entry.trim())) throw new Error('bad key');
}

/** Token signing, accepted issuers, Google sign-in and the client-credentials endpoint. */
export class AuthEnv {
  @Trimmed() @IsString() @MinLength(1)
  @Expects('the issuer (iss) of the tokens this service signs')
  AUTH_ISSUER = 'urn:dynamic-mcp-agent';

  @Trimmed() @IsString() @MinLength(1)
  @Expects('the audience (aud) of user tokens this service signs; service-client tokens get "<audience>/service"')
  AUTH_AUDIENCE = 'dynamic-mcp-agent';

  @Trimmed() @IsOptional() @ParsesWith(parseSigningKeys)
  @Sensitive()
  @Expects('signing keys, newest first: a JSON array of { "kid", "private_key" (PKCS#8 PEM) } or "kid:base64-pkcs8-der,..." (unset: a key generated under DATA_DIR)')
  AUTH_SIGNING_KEYS?: string;

  @ToInt() @IsInt() @Min(60) @Max(86_400)
  @Expects('lifetime of access tokens in seconds, between 60 and 86400')
  AUTH_ACCESS_TOKEN_TTL_SECONDS = 3600;

  @ToInt() @IsInt() @Min(300) @Max(31_536_000)
  @Expects('lifetime of refresh tokens in seconds, between 300 and 31536000')
  AUTH_REFRESH_TOKEN_TTL_SECONDS = 2_592_000;

  @ToInt() @IsInt() @Min(0) @Max(300)
  @Expects('seconds of clock skew tolerated on exp and nbf, between 0 and 300')
  AUTH_CLOCK_TOLERANCE_SECONDS = 30;

  @ToList() @IsString({ each: true })
  @Expects('a comma-separated list of user ids (token subjects) granted the admin scopes')
  AUTH_ADMIN_SUBJECTS: string[] = [];

  @Trimmed() @IsOptional() @ParsesWith(parseIssuerList)
  @Expects('a JSON array of { "name", "issuer", "audience", "jwks_uri", "algorithms"? } for external identity providers')
  AUTH_EXTERNAL_ISSUERS?: string;

  @Trimmed() @IsOptional() @IsString()
  @Expects('the Google OAuth client id that Google ID tokens must be issued to (unset: Google sign-in disabled)')
  AUTH_GOOGLE_CLIENT_ID?: string;

  @Trimmed() @IsString() @MinLength(1)
  @Expects("the URL of Google's signing keys (JWKS)")
  AUTH_GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';

  @ToBool() @IsBoolean()
  @Expects('true or false: refuse Google accounts whose email is not verified')
  AUTH_GOOGLE_REQUIRE_VERIFIED_EMAIL = true;

  @ToInt() @IsInt() @Min(60) @Max(86_400)
  @Expects('seconds a fetched JWKS is cached, between 60 and 86400')
  AUTH_JWKS_CACHE_SECONDS = 3600;

  @ToInt() @IsInt() @Min(0) @Max(3600)
  @Expects('minimum seconds between two JWKS refetches triggered by an unknown kid, between 0 and 3600')
  AUTH_JWKS_REFETCH_INTERVAL_SECONDS = 30;

  @ToInt() @IsInt() @Min(1) @Max(10_000)
  @Expects('failed client authentications allowed per client id or IP within the window, between 1 and 10000')
  AUTH_TOKEN_FAILURE_LIMIT = 10;

  @ToInt() @IsInt() @Min(1) @Max(86_400)
  @Expects('the window for AUTH_TOKEN_FAILURE_LIMIT in seconds, between 1 and 86400')
  AUTH_TOKEN_FAILURE_WINDOW_SECONDS = 300;
}

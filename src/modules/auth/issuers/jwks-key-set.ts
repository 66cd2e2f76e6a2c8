import { Logger } from '@nestjs/common';
import { createPublicKey, JsonWebKey, KeyObject } from 'node:crypto';

export interface JwksKeySetOptions {
  url: string;
  cacheMs: number;
  /** Least time between two fetches caused by an unknown kid, so junk kids cannot make us hammer the provider. */
  refetchIntervalMs: number;
  fetchTimeoutMs?: number;
}

/**
 * A remote JWKS, cached for `cacheMs` and refetched early when a token names a kid we do not have
 * (the provider rotated its keys), at most once per `refetchIntervalMs`. Concurrent lookups share
 * one fetch.
 */
export class JwksKeySet {
  private readonly logger = new Logger(JwksKeySet.name);
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;
  private inflight?: Promise<void>;

  constructor(private readonly options: JwksKeySetOptions) {}

  async keyFor(kid: unknown): Promise<KeyObject | undefined> {
    const now = Date.now();
    if (this.fetchedAt === 0 || now - this.fetchedAt > this.options.cacheMs) await this.refresh();
    else if (!this.lookup(kid) && now - this.fetchedAt >= this.options.refetchIntervalMs) await this.refresh();
    return this.lookup(kid);
  }

  private lookup(kid: unknown): KeyObject | undefined {
    if (typeof kid === 'string') return this.keys.get(kid);
    // A provider with a single key may omit kid; with several, a kid-less token is ambiguous.
    return kid === undefined && this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }

  private refresh(): Promise<void> {
    this.inflight ??= this.fetchKeys().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchKeys(): Promise<void> {
    try {
      const response = await fetch(this.options.url, { signal: AbortSignal.timeout(this.options.fetchTimeoutMs ?? 5000), headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = (await response.json()) as { keys?: Array<JsonWebKey & { kid?: string; use?: string }> };
      const keys = new Map<string, KeyObject>();
      for (const jwk of body.keys ?? []) {
        if (jwk.use && jwk.use !== 'sig') continue;
        try {
          keys.set(jwk.kid ?? '', createPublicKey({ key: jwk, format: 'jwk' }));
        } catch {
          this.logger.warn({ url: this.options.url, kid: jwk.kid }, 'Skipping a JWKS key that cannot be imported');
        }
      }
      this.keys = keys;
    } catch (error) {
      // Keep serving the keys we had: a provider outage must not log everyone out at once.
      this.logger.warn({ url: this.options.url, reason: (error as Error).message }, 'Could not fetch JWKS');
    } finally {
      this.fetchedAt = Date.now();
    }
  }
}

import { Injectable } from '@nestjs/common';
import type { CredentialRequirement } from '../mcp-catalog/catalog.types';
import { CredentialRequirementsSource } from './credential-requirements.source';

/** As long as the orchestration catalog port keeps whole records; catalog imports show up after at most this. */
export const REQUIREMENTS_CACHE_MS = 15_000;
const REQUIREMENTS_CACHE_MAX = 2_000;

/**
 * Catalog records change only on import or sync, yet every chat turn asks what its planned servers
 * require (a catalog read of four queries). Kept briefly, so a turn usually pays only for the owner's
 * own credentials. Only the read-only missingFor goes through here: writes, launches and validation
 * ask the catalog every time.
 */
@Injectable()
export class CredentialRequirementsCache {
  /** `undefined` remembers an unknown server id, so junk ids do not reach the database each turn. */
  private readonly entries = new Map<string, { requirements: CredentialRequirement[] | undefined; at: number }>();

  constructor(private readonly source: CredentialRequirementsSource) {}

  /** Same contract as the source: requirements per known server; unknown ids are absent. */
  async getCredentialRequirements(serverIds: string[]): Promise<Map<string, CredentialRequirement[]>> {
    const now = Date.now();
    const ids = [...new Set(serverIds)];
    const known = new Map<string, CredentialRequirement[] | undefined>();
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry && now - entry.at < REQUIREMENTS_CACHE_MS) known.set(id, entry.requirements);
    }
    const stale = ids.filter((id) => !known.has(id));
    if (stale.length > 0) {
      const loaded = await this.source.getCredentialRequirements(stale);
      if (this.entries.size + stale.length > REQUIREMENTS_CACHE_MAX) this.entries.clear();
      for (const id of stale) {
        this.entries.set(id, { requirements: loaded.get(id), at: now });
        known.set(id, loaded.get(id));
      }
    }
    const result = new Map<string, CredentialRequirement[]>();
    for (const id of serverIds) {
      const requirements = known.get(id);
      if (requirements) result.set(id, requirements);
    }
    return result;
  }
}

import { createHash } from 'node:crypto';
import type { CatalogServer } from './catalog.types';

/**
 * A digest of everything a record says, used to tell an unchanged record from an updated one without
 * reading its children back. `source` is left out: the same content arriving from another source is
 * not a change to index. Credentials are sorted by key because their order carries no meaning.
 */
export function contentHash(server: CatalogServer): string {
  const { source: _source, ...content } = server;
  const normalized = { ...content, credentials: [...content.credentials].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
  return createHash('sha256').update(canonicalJson(normalized)).digest('hex');
}

/** JSON with object keys sorted and undefined fields dropped, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

import type { RankedServer } from './search/reranker';
import type { ServerField } from './search/server-document';
import type { CatalogSearchHit, CatalogSearchResult, CatalogServer } from './catalog.types';
import type { CatalogSearchResponse } from './catalog-search.dto';

/** Re-ranker field names as the API names them. */
const FIELD_NAMES: Readonly<Record<ServerField, string>> = {
  name: 'name',
  toolName: 'tools',
  owner: 'id',
  category: 'categories',
  description: 'description',
  toolDescription: 'tool_descriptions',
};

const FIELD_PHRASES: Readonly<Record<string, string>> = {
  name: 'name',
  tools: 'tool names',
  id: 'publisher',
  categories: 'categories',
  description: 'description',
  tool_descriptions: 'tool descriptions',
};

/** How the candidate was found, beside the re-ranker's evidence. */
export interface HitSources {
  vector: boolean;
  /** Vectors of the active model were incomplete, so only full-text candidates were used. */
  fullTextOnly: boolean;
}

function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** One sentence a person can read: where the request matched, through which tools, on which words. */
export function searchReason(fields: readonly string[], toolNames: readonly string[], terms: readonly string[], sources: HitSources): string {
  const lexical = fields.filter((f) => f in FIELD_PHRASES).map((f) => FIELD_PHRASES[f] as string);
  if (lexical.length === 0) return 'Close in meaning to the request (embedding similarity), without shared words.';
  const via = toolNames.length ? `, through the tool${toolNames.length > 1 ? 's' : ''} ${listPhrase(toolNames.map((n) => `"${n}"`))}` : '';
  const words = terms.length ? ` on "${terms.slice(0, 5).join('", "')}"` : '';
  const close = sources.vector ? ' and is close in meaning' : '';
  return `Matches the request in its ${listPhrase(lexical.slice(0, 3))}${via}${words}${close}.`;
}

export function toSearchHit(ranked: RankedServer, server: CatalogSearchHit['server'], sources: HitSources): CatalogSearchHit {
  const fields = ranked.matchedFields.map((f) => FIELD_NAMES[f]);
  if (sources.vector) fields.push('vector');
  if (sources.fullTextOnly) fields.push('full_text_only');
  const descriptions = new Map(server.tools.map((t) => [t.name, t.description]));
  const matchedTools = ranked.matchedTools.filter((t) => descriptions.has(t.name)).map((t) => ({ name: t.name, description: descriptions.get(t.name) ?? '' }));
  return {
    server,
    score: Math.round(ranked.score * 10_000) / 10_000,
    matchedFields: fields,
    matchedTools,
    reason: searchReason(fields, matchedTools.map((t) => t.name), ranked.matchedTerms, sources),
  };
}

/** The hit's view of a full catalog record. */
export function toHitServer(server: CatalogServer): CatalogSearchHit['server'] {
  return {
    id: server.id,
    name: server.name,
    description: server.description,
    categories: server.categories,
    tools: server.tools.map((t) => ({ name: t.name, description: t.description })),
    credentials: server.credentials.map((c) => ({ key: c.key, required: c.required, secret: c.secret })),
    launchable: server.launchOptions.length > 0,
  };
}

/** The contract's snake_case body. */
export function toSearchResponse(result: CatalogSearchResult): CatalogSearchResponse {
  return {
    results: result.hits.map((hit) => ({
      id: hit.server.id,
      name: hit.server.name,
      description: hit.server.description,
      score: hit.score,
      tools: hit.server.tools.map((t) => ({ name: t.name, description: t.description })),
      credentials: hit.server.credentials.map((c) => ({ key: c.key, required: c.required, secret: c.secret })),
      matched_tools: hit.matchedTools.map((t) => ({ name: t.name, description: t.description })),
      matched_fields: hit.matchedFields,
      reason: hit.reason,
    })),
    took_ms: result.tookMs,
  };
}

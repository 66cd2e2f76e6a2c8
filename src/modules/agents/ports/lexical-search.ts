import type { CatalogSearchHit, CatalogSearchQuery, CatalogSearchResult, CatalogServer } from '../../mcp-catalog/catalog.types';

/**
 * TEMPORARY: a small lexical scorer over catalog records, used by the catalog port until the catalog
 * module offers `search`. Name and tool hits weigh more than description words.
 */
const PLATFORM = new Set(['mcp', 'server']);
const STOP = new Set('a an and the to of for in on my me i it is be by with from into then also that this when each every all new any or as at please them it its their our'.split(' '));

export function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map(stem);
}

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 4 && word.endsWith('es') && /(sh|ch|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  return word;
}

export function lexicalSearch(servers: CatalogServer[], query: CatalogSearchQuery): CatalogSearchResult {
  const started = Date.now();
  const terms = [...new Set(words(query.text))];
  const pool = query.serverIds ? servers.filter((s) => query.serverIds?.includes(s.id)) : servers;
  const hits = pool
    .map((server) => scoreServer(server, terms))
    .filter((hit): hit is CatalogSearchHit => hit !== undefined)
    .sort((a, b) => b.score - a.score || a.server.id.localeCompare(b.server.id))
    .slice(0, query.limit);
  return { hits, tookMs: Date.now() - started };
}

interface Analysed {
  name: Set<string>;
  description: Set<string>;
  tools: Array<Set<string>>;
}

/** Each record is tokenised once, not on every search. */
const analysed = new WeakMap<CatalogServer, Analysed>();

function analyse(server: CatalogServer): Analysed {
  let a = analysed.get(server);
  if (!a) {
    a = {
      name: new Set(words(`${server.name} ${server.id.split(/[/:]/).pop() ?? ''}`).filter((w) => !PLATFORM.has(w))),
      description: new Set(words(`${server.description} ${server.categories.join(' ')}`)),
      tools: server.tools.map((t) => new Set(words(`${t.name} ${t.description}`))),
    };
    analysed.set(server, a);
  }
  return a;
}

function scoreServer(server: CatalogServer, terms: string[]): CatalogSearchHit | undefined {
  if (terms.length === 0) return undefined;
  const { name, description, tools } = analyse(server);
  // A server named for one product beats a suite that lists it among many ("Gmail" over "Google Workspace (Gmail, ...)").
  const nameWeight = 3 / (1 + 0.1 * Math.max(0, name.size - 1));
  const matchedTools = server.tools.filter((_, i) => terms.some((w) => tools[i].has(w)));
  let raw = 0;
  const fields = new Set<string>();
  for (const term of terms) {
    if (name.has(term)) {
      raw += nameWeight;
      fields.add('name');
    } else if (description.has(term)) {
      raw += 1;
      fields.add('description');
    }
  }
  if (matchedTools.length) {
    raw += Math.min(matchedTools.length, 3) * 0.5;
    fields.add('tools');
  }
  if (raw === 0) return undefined;
  const score = Math.min(1, raw / (terms.length * 3));
  return {
    server: {
      id: server.id,
      name: server.name,
      description: server.description,
      categories: server.categories,
      tools: server.tools,
      credentials: server.credentials.map((c) => ({ key: c.key, required: c.required, secret: c.secret })),
      launchable: server.launchOptions.length > 0,
    },
    score,
    matchedFields: [...fields],
    matchedTools: matchedTools.map((t) => ({ name: t.name, description: t.description })),
    reason: `matches ${[...fields].join(', ')}`,
  };
}

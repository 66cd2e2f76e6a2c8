import { analyze, splitWords } from './text-analyzer';

/** The catalog record as the search module sees it (no secrets, no configs). */
export interface SearchableServer {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly tools: readonly { readonly name: string; readonly description: string }[];
  readonly hasLaunchConfig: boolean;
  readonly credentialKeys: readonly string[];
}

/** Field names in the order of their Postgres tsvector weight (A..D). */
export type ServerField = 'name' | 'toolName' | 'owner' | 'category' | 'description' | 'toolDescription';

export const FIELD_TSVECTOR_WEIGHT: Readonly<Record<ServerField, 'A' | 'B' | 'C' | 'D'>> = {
  name: 'A',
  toolName: 'B',
  owner: 'B',
  category: 'C',
  description: 'C',
  toolDescription: 'D',
};

export interface ToolDocument {
  readonly name: string;
  readonly nameTerms: readonly string[];
  readonly descriptionTerms: readonly string[];
  /** True for the stand-in built from name+description when no tools are listed. */
  readonly pseudo: boolean;
}

/** A server pre-analysed once (at import/cache time), so ranking never re-tokenises. */
export interface ServerDocument {
  readonly id: string;
  readonly fields: Readonly<Record<ServerField, readonly string[]>>;
  readonly tools: readonly ToolDocument[];
  /** 0..1 quality prior from product signals, see computeQualityPrior. */
  readonly prior: number;
}

/** Registry-style prefixes in ids ("io.github.", "github.com/") that say nothing about the product. */
const ID_NOISE = /^(io\.github\.|github\.com\/|gitlab\.com\/|npm:|pypi:|docker:|oci:|everworks:|mcpzero:|mcpcorpus:)/;

/**
 * Splits an id into owner words and product words. The repository or package
 * segment names the product ("mcp-server-apache-airflow"); the owner is weaker
 * evidence (an org often ships many unrelated servers).
 */
export function idParts(id: string): { owner: string; product: string } {
  const clean = id.replace(ID_NOISE, '');
  const segs = clean.split(/[/:]/).filter((s) => s.length > 0);
  if (segs.length <= 1) return { owner: '', product: segs[0] ?? '' };
  return { owner: segs[0] ?? '', product: segs.slice(1).join(' ') };
}

/** What a server's name says: its name and the product part of its id (the search's name field, weight A). */
export function nameText(server: { id: string; name: string }): string {
  return `${server.name} ${idParts(server.id).product}`;
}

/** Catalog category slugs are inconsistent ("Developer Tools \"Developer Tools\"amp; IDE"); keep the words. */
function categoryText(categories: readonly string[]): string {
  return categories.join(' ').replace(/amp;|mcp servers?/gi, ' ');
}

/**
 * Product signals only (never labels): a server that documents its tools, has
 * a description and can actually be launched is the better pick among near
 * duplicates ("Slack MCP Server" x 20).
 */
export function computeQualityPrior(server: SearchableServer): number {
  const toolSignal = server.tools.length === 0 ? 0 : Math.min(1, 0.5 + Math.log2(1 + server.tools.length) / 8);
  const descSignal = server.description.trim().length >= 40 ? 1 : server.description.trim().length > 0 ? 0.5 : 0;
  const launchSignal = server.hasLaunchConfig ? 1 : 0;
  return 0.5 * toolSignal + 0.2 * descSignal + 0.3 * launchSignal;
}

export function buildServerDocument(server: SearchableServer): ServerDocument {
  const { owner } = idParts(server.id);
  const tools: ToolDocument[] = server.tools.map((t) => ({
    name: t.name,
    nameTerms: analyze(t.name),
    descriptionTerms: analyze(t.description ?? ''),
    pseudo: false,
  }));
  // Most catalog entries list no tools; their description stands in as one
  // pseudo-tool so tool-level evidence does not automatically favour listed ones.
  const actionTools: ToolDocument[] =
    tools.length > 0 ? tools : [{ name: '', nameTerms: analyze(nameText(server)), descriptionTerms: analyze(server.description), pseudo: true }];
  return {
    id: server.id,
    fields: {
      name: analyze(nameText(server)),
      owner: analyze(owner),
      toolName: tools.flatMap((t) => t.nameTerms),
      category: analyze(categoryText(server.categories)),
      description: analyze(server.description),
      toolDescription: tools.flatMap((t) => t.descriptionTerms),
    },
    tools: actionTools,
    prior: computeQualityPrior(server),
  };
}

/**
 * Plain-text inputs for Postgres `setweight(to_tsvector('english', ...), 'X')`.
 * Identifiers are pre-split here because the english parser keeps
 * "get_issue"/"createIssue" as single tokens.
 */
export function tsvectorSources(server: SearchableServer): Record<'A' | 'B' | 'C' | 'D', string> {
  const { owner } = idParts(server.id);
  const words = (s: string): string => splitWords(s).join(' ');
  return {
    A: words(nameText(server)),
    B: words(`${server.tools.map((t) => t.name).join(' ')} ${owner}`),
    C: `${server.description} ${words(categoryText(server.categories))}`,
    D: server.tools.map((t) => t.description).join(' '),
  };
}

/** Text fed to the embedding provider for the server vector (fields repeated by importance). */
export function embeddingInput(server: SearchableServer): string {
  const head = nameText(server);
  const toolNames = server.tools.map((t) => t.name).join(' ');
  const toolDescs = server.tools.map((t) => t.description).join(' ');
  return [head, head, head, toolNames, toolNames, server.description, server.description, categoryText(server.categories), toolDescs].join(' \n ');
}

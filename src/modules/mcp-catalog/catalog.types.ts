/**
 * The catalog's record model, as services and other modules see it (plain objects, no Prisma types).
 * Credential requirements and launch options are modelled, not opaque JSON: the credentials module
 * asks users for exactly these keys, and the agents module only launches what a launch option allows.
 */

export type CredentialKind = 'token' | 'setting' | 'file';

export interface CredentialRequirement {
  serverId: string;
  /** The environment variable (or header placeholder) the server reads, e.g. GITHUB_PERSONAL_ACCESS_TOKEN. */
  key: string;
  kind: CredentialKind;
  description: string;
  required: boolean;
  /** Secret values are encrypted and never shown; settings (a region, a workspace id) are not secret. */
  secret: boolean;
  /** `file`: the variable holds a path to a file the user uploads (e.g. a Google OAuth client JSON). */
  format: 'string' | 'file';
  /** Step-by-step instructions to obtain it. */
  steps: string[];
  /** Anchored regular expression a well-formed value matches, where the format is known. */
  pattern?: string;
  patternHint?: string;
  /** For files: the expected type (`json`) and shape (`google_oauth_client`, `google_service_account`). */
  fileType?: string;
  fileShape?: string;
}

export interface StdioLaunchOption {
  transport: 'stdio';
  command: string;
  args: string[];
  /** Variable names the server reads, with default values ('' when the user must supply one). */
  envTemplate: Record<string, string>;
  packageRegistry?: string;
  packageIdentifier?: string;
}

export interface RemoteLaunchOption {
  transport: 'streamable-http' | 'sse';
  url: string;
  /** Header templates; `{KEY}` placeholders are filled from credentials at launch. */
  headers: Record<string, string>;
  envTemplate: Record<string, string>;
}

export type LaunchOption = StdioLaunchOption | RemoteLaunchOption;

export interface CatalogTool {
  name: string;
  description: string;
  inputSchema?: Record<string, unknown>;
}

export interface CatalogServer {
  id: string;
  name: string;
  description: string;
  categories: string[];
  repository?: string;
  /** Where the record came from: `starter`, `seed:<dir>`, `registry:<url>`. */
  source: string;
  tools: CatalogTool[];
  launchOptions: LaunchOption[];
  credentials: CredentialRequirement[];
  /** The read-only tool a live credential check may call, where the catalog names one. */
  validationTool?: { name: string; arguments: Record<string, unknown> };
}

/** A search over the catalog. `serverIds` restricts it to a pool (a benchmark's own catalog, a plan's candidates). */
export interface CatalogSearchQuery {
  text: string;
  limit: number;
  category?: string;
  serverIds?: string[];
}

export interface CatalogSearchHit {
  server: Pick<CatalogServer, 'id' | 'name' | 'description' | 'categories'> & {
    tools: CatalogTool[];
    credentials: Array<Pick<CredentialRequirement, 'key' | 'required' | 'secret'>>;
    launchable: boolean;
  };
  /** Higher is better; comparable within one result list. */
  score: number;
  /** Which fields matched (`name`, `tools`, `description`, `categories`, `vector`, ...). */
  matchedFields: string[];
  /** Tools whose name or description matched the request. */
  matchedTools: Array<Pick<CatalogTool, 'name' | 'description'>>;
  /** One human sentence on why it ranked here. */
  reason: string;
}

export interface CatalogSearchResult {
  hits: CatalogSearchHit[];
  tookMs: number;
}

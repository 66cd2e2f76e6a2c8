import type { CatalogServer, CatalogTool, CredentialRequirement } from '../catalog.types';
import { CatalogImportFailed } from '../catalog.errors';
import { ParsedCatalog, SkippedRecord } from './import-result';
import { unstorableText, isNonEmptyString, isObject, Json, optionalString, RecordError, slugify, stringArray } from './parse-helpers';
import { keysUsedBy, parseSeedLaunch } from './seed-launch.parser';
import { parseSeedCredentials } from './seed-credentials.parser';

/** The three seed documents, parsed from JSON; config and credinfo may be absent. */
export interface SeedDocuments {
  servers: unknown;
  config?: unknown;
  credinfo?: unknown;
}

/**
 * Parses the seed triple into catalog records. Pure: no I/O. A malformed document shape fails the
 * whole import (nothing can be trusted); a malformed record is skipped with a reason and the rest
 * goes on. Ids are the record's `id`, or the slugified name when it has none; a repeated id keeps
 * the first occurrence.
 */
export function parseSeedCatalog(docs: SeedDocuments, source: string): ParsedCatalog {
  const servers = documentList(docs.servers, 'servers', 'servers.json');
  const configs = documentMap(docs.config, 'mcpServers', 'config.json');
  const credinfo = documentMap(docs.credinfo, 'credential_instructions', 'credinfo.json');
  const records: CatalogServer[] = [];
  const skipped: SkippedRecord[] = [];
  const seen = new Set<string>();
  servers.forEach((raw, index) => {
    let key = isObject(raw) && isNonEmptyString(raw.id) ? raw.id : `#${index}`;
    try {
      const base = parseServer(raw);
      key = base.id;
      if (seen.has(base.id)) throw new RecordError('duplicate id (the first occurrence was kept)');
      seen.add(base.id);
      const unstorable = unstorableText([raw, configs[base.id], credinfo[base.id]]);
      if (unstorable) throw new RecordError(unstorable);
      records.push(completeServer(base, source, configs[base.id], credinfo[base.id]));
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      skipped.push({ key, reason: error.message });
    }
  });
  for (const id of Object.keys(configs)) if (!seen.has(id)) skipped.push({ key: id, reason: 'config.json entry has no server in servers.json' });
  for (const id of Object.keys(credinfo)) if (!seen.has(id)) skipped.push({ key: id, reason: 'credinfo.json entry has no server in servers.json' });
  return { records, skipped };
}

function documentList(doc: unknown, field: string, file: string): unknown[] {
  if (!isObject(doc) || !Array.isArray(doc[field])) throw new CatalogImportFailed(`${file} must be an object with a "${field}" list`);
  return doc[field];
}

function documentMap(doc: unknown, field: string, file: string): Json {
  if (doc === undefined) return {};
  if (!isObject(doc) || !isObject(doc[field])) throw new CatalogImportFailed(`${file} must be an object with a "${field}" object`);
  return doc[field];
}

type BaseServer = Omit<CatalogServer, 'source' | 'launchOptions' | 'credentials'>;

function parseServer(raw: unknown): BaseServer {
  if (!isObject(raw)) throw new RecordError('server entry must be an object');
  if (raw.id !== undefined && raw.id !== null && !isNonEmptyString(raw.id)) throw new RecordError('id must be a non-empty string');
  const name = optionalString(raw, 'name');
  const id = isNonEmptyString(raw.id) ? raw.id.trim() : name ? slugify(name) : '';
  if (!id) throw new RecordError('missing id and name');
  const repository = optionalString(raw, 'repository');
  return {
    id,
    // Some catalogs list servers without a name; the id still identifies them to people.
    name: name?.trim() || id,
    description: optionalString(raw, 'description') ?? '',
    categories: stringArray(raw.categories, 'categories'),
    ...(repository ? { repository } : {}),
    tools: parseTools(raw.tools),
  };
}

function parseTools(value: unknown): CatalogTool[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RecordError('tools must be a list');
  const tools = new Map<string, CatalogTool>();
  value.forEach((tool, index) => {
    if (!isObject(tool) || !isNonEmptyString(tool.name)) throw new RecordError(`tools[${index}] needs a name`);
    const description = optionalString(tool, 'description', `tools[${index}].`) ?? '';
    const schema = tool.inputSchema ?? tool.input_schema;
    if (schema !== undefined && schema !== null && !isObject(schema)) throw new RecordError(`tools[${index}] input schema must be an object`);
    // A tool listed twice keeps its first entry: tool names key the tools of a server.
    if (!tools.has(tool.name)) tools.set(tool.name, { name: tool.name, description, ...(schema ? { inputSchema: schema } : {}) });
  });
  return [...tools.values()];
}

function completeServer(base: BaseServer, source: string, config: unknown, credinfo: unknown): CatalogServer {
  const launchOptions = config === undefined ? [] : [parseSeedLaunch(config)];
  const parsed = credinfo === undefined ? { credentials: [] } : parseSeedCredentials(base.id, credinfo);
  const credentials = [...parsed.credentials, ...undeclaredKeys(base.id, launchOptions, parsed.credentials)];
  return { ...base, source, launchOptions, credentials, ...(parsed.validationTool ? { validationTool: parsed.validationTool } : {}) };
}

/**
 * A key the launch config reads but credinfo never declares still has to come from the user, so it
 * becomes a required secret: asking for a non-secret is harmless, leaking a secret is not.
 */
function undeclaredKeys(serverId: string, options: CatalogServer['launchOptions'], declared: CredentialRequirement[]): CredentialRequirement[] {
  const known = new Set(declared.map((c) => c.key));
  const extra: CredentialRequirement[] = [];
  for (const key of options.flatMap(keysUsedBy)) {
    if (known.has(key)) continue;
    known.add(key);
    extra.push({ serverId, key, kind: 'token', description: '', required: true, secret: true, format: 'string', steps: [] });
  }
  return extra;
}

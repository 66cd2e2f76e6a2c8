import type { CatalogServer, CredentialRequirement } from '../catalog.types';
import { ParsedCatalog, SkippedRecord } from './import-result';
import { isNonEmptyString, isObject, Json, optionalString, RecordError, unstorableText } from './parse-helpers';
import { parsePackage, parseRemote, RegistryLaunch } from './registry-launch.parser';

export const OFFICIAL_META = 'io.modelcontextprotocol.registry/official';

interface Candidate {
  doc: Json;
  status: string;
  isLatest?: boolean;
  updatedAt?: string;
  version: string;
}

/**
 * Parses official MCP registry entries: API entries `{ server, _meta }` or bare `server.json`
 * documents. Only the latest version of each name is kept (the registry's `isLatest`, else the
 * highest version); a name whose latest entry has status `deleted` is reported for removal.
 */
export function parseRegistryEntries(entries: unknown[], source: string): ParsedCatalog & { removedIds: string[]; highWaterMark?: string } {
  const skipped: SkippedRecord[] = [];
  const latest = new Map<string, Candidate>();
  let highWaterMark: string | undefined;
  entries.forEach((entry, index) => {
    const candidate = candidateOf(entry);
    if (!candidate) return skipped.push({ key: `#${index}`, reason: 'registry entry needs a server with a name' });
    if (candidate.updatedAt && (!highWaterMark || candidate.updatedAt > highWaterMark)) highWaterMark = candidate.updatedAt;
    // The registry marks superseded versions; across pages only the marked latest may write a record.
    if (candidate.isLatest === false) return;
    const name = candidate.doc.name as string;
    if (isNewer(candidate, latest.get(name))) latest.set(name, candidate);
  });
  const records: CatalogServer[] = [];
  const removedIds: string[] = [];
  for (const [name, candidate] of latest) {
    if (candidate.status === 'deleted') {
      removedIds.push(name);
      continue;
    }
    try {
      const unstorable = unstorableText(candidate.doc);
      if (unstorable) throw new RecordError(unstorable);
      records.push(parseServerJson(candidate.doc, source));
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      skipped.push({ key: name, reason: error.message });
    }
  }
  return { records, skipped, removedIds, highWaterMark };
}

function candidateOf(entry: unknown): Candidate | undefined {
  if (!isObject(entry)) return undefined;
  const doc = isObject(entry.server) ? entry.server : entry;
  if (!isNonEmptyString(doc.name)) return undefined;
  const meta = isObject(entry._meta) && isObject(entry._meta[OFFICIAL_META]) ? entry._meta[OFFICIAL_META] : {};
  return {
    doc,
    status: typeof meta.status === 'string' ? meta.status : typeof doc.status === 'string' ? doc.status : 'active',
    isLatest: typeof meta.isLatest === 'boolean' ? meta.isLatest : undefined,
    updatedAt: typeof meta.updatedAt === 'string' ? meta.updatedAt : undefined,
    version: typeof doc.version === 'string' ? doc.version : '',
  };
}

function isNewer(candidate: Candidate, current: Candidate | undefined): boolean {
  if (!current) return true;
  if (candidate.isLatest !== undefined && current.isLatest !== undefined && candidate.isLatest !== current.isLatest) return candidate.isLatest;
  const byVersion = compareVersions(candidate.version, current.version);
  if (byVersion !== 0) return byVersion > 0;
  return (candidate.updatedAt ?? '') >= (current.updatedAt ?? '');
}

/** Numeric-aware comparison of dotted versions (1.10.0 > 1.9.2); pre-release tags compare as text. */
export function compareVersions(a: string, b: string): number {
  const left = a.split(/[.+-]/);
  const right = b.split(/[.+-]/);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    const diff = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** One `server.json` document as a catalog record; the registry name is the id. */
export function parseServerJson(doc: Json, source: string): CatalogServer {
  const id = doc.name as string;
  const launches: RegistryLaunch[] = [];
  listOf(doc.packages, 'packages').forEach((pkg, i) => launches.push(parsePackage(pkg, i)));
  listOf(doc.remotes, 'remotes').forEach((remote, i) => launches.push(parseRemote(remote, i)));
  const credentials = new Map<string, CredentialRequirement>();
  for (const requirement of launches.flatMap((launch) => launch.credentials)) {
    const current = credentials.get(requirement.key);
    // The same key across packages: required or secret anywhere means required or secret.
    if (current) Object.assign(current, { required: current.required || requirement.required, secret: current.secret || requirement.secret });
    else credentials.set(requirement.key, { serverId: id, ...requirement });
  }
  const repository = isObject(doc.repository) && isNonEmptyString(doc.repository.url) ? doc.repository.url : undefined;
  return {
    id,
    name: optionalString(doc, 'title')?.trim() || id.split('/').pop() || id,
    description: optionalString(doc, 'description') ?? '',
    categories: [],
    ...(repository ? { repository } : {}),
    source,
    tools: [],
    launchOptions: launches.flatMap((launch) => launch.options),
    credentials: [...credentials.values()],
  };
}

function listOf(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RecordError(`${what} must be a list`);
  return value;
}

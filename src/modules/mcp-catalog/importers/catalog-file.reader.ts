import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CatalogImportFailed } from '../catalog.errors';
import { isObject } from './parse-helpers';
import type { SeedDocuments } from './seed-catalog.parser';

/** What a path given to `catalog import` holds. */
export type CatalogInput =
  | { kind: 'seed'; docs: SeedDocuments; location: string }
  | { kind: 'registry'; entries: unknown[]; location: string };

/**
 * Reads a catalog from a directory (the seed triple) or a single file: a seed `servers.json` (its
 * config.json and credinfo.json siblings are read too), one registry `server.json`, a list of them,
 * or a saved registry API page. Fails before anything is written when a file is not JSON.
 */
export function readCatalogInput(path: string): CatalogInput {
  const location = resolve(path);
  if (!existsSync(location)) throw new CatalogImportFailed(`Catalog path not found: ${location}`);
  if (statSync(location).isDirectory()) {
    const servers = join(location, 'servers.json');
    if (!existsSync(servers)) throw new CatalogImportFailed(`${location} has no servers.json`);
    return { kind: 'seed', docs: readSeedTriple(servers), location };
  }
  const doc = readJsonFile(location);
  if (Array.isArray(doc)) return { kind: 'registry', entries: doc, location };
  if (isObject(doc) && Array.isArray(doc.servers) && doc.servers.some((entry) => isObject(entry) && 'server' in entry)) {
    return { kind: 'registry', entries: doc.servers, location };
  }
  if (isObject(doc) && Array.isArray(doc.servers)) {
    if (basename(location) === 'servers.json') return { kind: 'seed', docs: readSeedTriple(location, doc), location: dirname(location) };
    // One file holding all three documents' top-level fields.
    return { kind: 'seed', docs: { servers: doc, config: doc.mcpServers ? doc : undefined, credinfo: doc.credential_instructions ? doc : undefined }, location };
  }
  if (isObject(doc) && typeof doc.name === 'string') return { kind: 'registry', entries: [doc], location };
  throw new CatalogImportFailed(`${location} is neither a seed catalog, a registry server.json nor a registry API page`);
}

function readSeedTriple(serversPath: string, servers: unknown = readJsonFile(serversPath)): SeedDocuments {
  const dir = dirname(serversPath);
  const optional = (name: string): unknown => (existsSync(join(dir, name)) ? readJsonFile(join(dir, name)) : undefined);
  return { servers, config: optional('config.json'), credinfo: optional('credinfo.json') };
}

/**
 * Parses a JSON file. Invalid UTF-8 does not fail the file: the bad bytes decode to U+FFFD and the
 * parsers skip the records that carry them, so one garbled entry cannot block a whole catalog.
 */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: false }).decode(readFileSync(path));
  } catch (error) {
    throw new CatalogImportFailed(`Cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CatalogImportFailed(`${path} is not valid JSON (${(error as Error).message}); nothing was imported`);
  }
}

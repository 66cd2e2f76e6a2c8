import type { LaunchOption } from '../catalog.types';
import { isNonEmptyString, isObject, placeholdersIn, RecordError, stringArray, stringMap } from './parse-helpers';

const REMOTE_TRANSPORTS = new Set(['streamable-http', 'sse']);

/**
 * One config.json entry as a launch option. Placeholders (`{KEY}`) stay in args, url and headers:
 * they are filled from credentials at launch, and the keys they name are credential requirements.
 */
export function parseSeedLaunch(entry: unknown): LaunchOption {
  if (!isObject(entry)) throw new RecordError('config.json entry must be an object');
  const envTemplate = stringMap(entry.env, 'config.json env');
  if (entry.url !== undefined) {
    if (!isNonEmptyString(entry.url) || !/^https?:\/\//.test(entry.url)) throw new RecordError('config.json url must be an http(s) URL');
    const transport = entry.transport ?? 'streamable-http';
    if (typeof transport !== 'string' || !REMOTE_TRANSPORTS.has(transport)) {
      throw new RecordError('config.json remote transport must be streamable-http or sse');
    }
    const headers = stringMap(entry.headers, 'config.json headers');
    return { transport: transport as 'streamable-http' | 'sse', url: entry.url, headers, envTemplate };
  }
  if (!isNonEmptyString(entry.command)) throw new RecordError('config.json entry needs a command or a url');
  if (entry.transport !== undefined && entry.transport !== 'stdio') throw new RecordError('config.json command entry must use transport stdio');
  const option: LaunchOption = { transport: 'stdio', command: entry.command, args: stringArray(entry.args, 'config.json args'), envTemplate };
  // Some catalogs write `package: { registry: null, identifier: null }` for a locally built server.
  const emptyPackage = isObject(entry.package) && entry.package.registry == null && entry.package.identifier == null;
  if (entry.package !== undefined && entry.package !== null && !emptyPackage) {
    if (!isObject(entry.package) || !isNonEmptyString(entry.package.registry) || !isNonEmptyString(entry.package.identifier)) {
      throw new RecordError('config.json package needs a registry and an identifier');
    }
    option.packageRegistry = entry.package.registry;
    option.packageIdentifier = entry.package.identifier;
  }
  return option;
}

/** Every key a launch option reads: its environment variables and the placeholders in its templates. */
export function keysUsedBy(option: LaunchOption): string[] {
  const texts = option.transport === 'stdio' ? option.args : [option.url, ...Object.values(option.headers)];
  const keys = new Set(Object.keys(option.envTemplate));
  for (const text of texts) for (const key of placeholdersIn(text)) keys.add(key);
  return [...keys];
}

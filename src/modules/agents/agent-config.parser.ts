import { EnvValue } from './agent.types';
import { InvalidAgentConfigError } from './agents.errors';

/** One `mcpServers` entry after its shape is checked (not yet checked against the catalog). */
export interface RequestedServer {
  serverId: string;
  command: string;
  args: string[];
  env: Record<string, EnvValue>;
}

const MAX_SERVERS = 20;
const MAX_ENV = 50;

/** Checks the shape of `mcp_config` (a free-form map class-validator cannot describe) and names what is wrong. */
export function parseMcpConfig(config: Record<string, unknown>): RequestedServer[] {
  const servers = config.mcpServers;
  if (!isObject(servers) || Object.keys(servers).length === 0) throw invalid('mcp_config.mcpServers', 'must be a non-empty object');
  if (Object.keys(servers).length > MAX_SERVERS) throw invalid('mcp_config.mcpServers', `must have at most ${MAX_SERVERS} servers`);
  return Object.entries(servers).map(([serverId, entry]) => parseEntry(serverId, entry));
}

function parseEntry(serverId: string, entry: unknown): RequestedServer {
  const field = `mcp_config.mcpServers.${serverId}`;
  if (!isObject(entry)) throw invalid(field, 'must be an object');
  if (typeof entry.command !== 'string' || !entry.command) throw invalid(`${field}.command`, 'must be a non-empty string');
  const args = entry.args ?? [];
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) throw invalid(`${field}.args`, 'must be an array of strings');
  const env = entry.env ?? {};
  if (!isObject(env) || Object.keys(env).length > MAX_ENV) throw invalid(`${field}.env`, `must be an object with at most ${MAX_ENV} keys`);
  for (const [key, value] of Object.entries(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw invalid(`${field}.env`, 'keys must be environment variable names');
    if (!isEnvValue(value)) throw invalid(`${field}.env.${key}`, 'must be a string or {"$credential": "<server>/<KEY>"}');
  }
  return { serverId, command: entry.command, args: args as string[], env: env as Record<string, EnvValue> };
}

function isEnvValue(value: unknown): value is EnvValue {
  if (typeof value === 'string') return value.length <= 10_000;
  return isObject(value) && Object.keys(value).length === 1 && typeof value.$credential === 'string' && parseRef(value.$credential) !== undefined;
}

/** `<server>/<KEY>`; server ids contain slashes, so the key is what follows the last one. */
export function parseRef(ref: string): { serverId: string; key: string } | undefined {
  const at = ref.lastIndexOf('/');
  if (at <= 0 || at === ref.length - 1) return undefined;
  return { serverId: ref.slice(0, at), key: ref.slice(at + 1) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(field: string, problem: string): InvalidAgentConfigError {
  return new InvalidAgentConfigError(`Invalid agent config: ${field} ${problem}`, { fields: [{ field, problems: [problem] }] });
}

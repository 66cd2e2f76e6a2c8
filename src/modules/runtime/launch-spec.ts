import type { LaunchOption } from '../mcp-catalog/catalog.types';

/** How to reach one MCP server, with every placeholder already filled. */
export type LaunchSpec =
  | { transport: 'stdio'; command: string; args: string[]; env: Record<string, string> }
  | { transport: 'streamable-http' | 'sse'; url: string; headers: Record<string, string> };

/** A launch that would put a secret where it can leak (argv, a URL). */
export class UnsafeLaunchError extends Error {
  constructor(key: string, where: string) {
    super(`Refusing to place the secret ${key} in ${where}`);
    this.name = 'UnsafeLaunchError';
  }
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function fill(template: string, values: Record<string, string>, secretKeys: ReadonlySet<string>, where: string | undefined): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => {
    if (!(key in values)) return whole;
    if (where && secretKeys.has(key)) throw new UnsafeLaunchError(key, where);
    return values[key];
  });
}

/**
 * Turns a catalog launch option plus credential values into a concrete launch. Secrets travel only
 * in the child's environment or in request headers; a placeholder that would put one in argv or a
 * URL is refused, since argv is readable by every local user (ps, /proc).
 */
export function buildLaunchSpec(option: LaunchOption, values: Record<string, string>, secretKeys: ReadonlySet<string>): LaunchSpec {
  if (option.transport === 'stdio') {
    const env: Record<string, string> = {};
    for (const [name, fallback] of Object.entries(option.envTemplate)) if (fallback !== '') env[name] = fallback;
    Object.assign(env, values);
    return { transport: 'stdio', command: option.command, args: option.args.map((arg) => fill(arg, values, secretKeys, 'process arguments')), env };
  }
  const headers = Object.fromEntries(Object.entries(option.headers).map(([name, value]) => [name, fill(value, values, secretKeys, undefined)]));
  return { transport: option.transport, url: fill(option.url, values, secretKeys, 'a URL'), headers };
}

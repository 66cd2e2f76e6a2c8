import { Injectable } from '@nestjs/common';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CatalogServer } from '../mcp-catalog/catalog.types';
import { buildLaunchSpec, UnsafeLaunchError } from '../runtime/launch-spec';
import { McpLauncher, McpSessionTimeoutError } from '../runtime/mcp-launcher';
import { redactSecrets } from './credential-format';

export interface LiveCheckResult {
  status: 'valid' | 'invalid' | 'unverified';
  reason: string;
}

function textOf(result: Record<string, unknown>): string {
  const content = Array.isArray(result.content) ? (result.content as Array<{ type?: string; text?: string }>) : [];
  return content.map((item) => (item.type === 'text' ? (item.text ?? '') : '')).join(' ').trim();
}

/**
 * Proves credentials work by talking to the server: initialize, tools/list and, where the catalog
 * names one, a harmless read-only tool call. Secrets go only into the child's env or headers, and
 * every reason is scrubbed of them before it leaves.
 */
@Injectable()
export class CredentialLiveValidator {
  constructor(private readonly launcher: McpLauncher) {}

  async check(server: CatalogServer, values: Record<string, string>, secretKeys: ReadonlySet<string>, timeoutMs: number): Promise<LiveCheckResult> {
    const option = server.launchOptions[0];
    if (!option) return { status: 'unverified', reason: 'the catalog has no way to launch this server' };
    const secrets = [...secretKeys].map((key) => values[key]).filter((value): value is string => Boolean(value));
    let connected = false;
    try {
      const spec = buildLaunchSpec(option, values, secretKeys);
      const result = await this.launcher.withSession(
        spec,
        (client) => {
          connected = true;
          return this.probe(client, server);
        },
        { timeoutMs, clientName: 'dmcp-credential-check' },
      );
      return { ...result, reason: redactSecrets(result.reason, secrets) };
    } catch (error) {
      const failure = this.failure(error, connected, timeoutMs);
      return { ...failure, reason: redactSecrets(failure.reason, secrets) };
    }
  }

  /**
   * A server that could not be started or reached says nothing about the credentials (a missing
   * `docker`, a network problem, a time-out), so that stays `unverified`; a refusal after connecting, or an HTTP
   * 401/403 while connecting, marks them `invalid`.
   */
  private failure(error: unknown, connected: boolean, timeoutMs: number): LiveCheckResult {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UnsafeLaunchError) return { status: 'unverified', reason: message };
    // A slow server proves nothing either way about the credentials.
    if (error instanceof McpSessionTimeoutError) return { status: 'unverified', reason: `the server did not answer within ${timeoutMs} ms` };
    const httpStatus = (error as { code?: unknown }).code;
    if (connected || httpStatus === 401 || httpStatus === 403 || /unauthori[sz]ed|forbidden/i.test(message)) return { status: 'invalid', reason: `the server refused: ${message}` };
    return { status: 'unverified', reason: `the server could not be started or reached: ${message}` };
  }

  private async probe(client: Client, server: CatalogServer): Promise<LiveCheckResult> {
    const { tools } = await client.listTools();
    const tool = server.validationTool;
    if (!tool) return { status: 'valid', reason: `connected and listed ${tools.length} tool(s)` };
    const result = await client.callTool({ name: tool.name, arguments: tool.arguments });
    if (result.isError) return { status: 'invalid', reason: `${tool.name} failed: ${textOf(result) || 'no detail'}` };
    return { status: 'valid', reason: `connected, listed ${tools.length} tool(s) and ${tool.name} succeeded` };
  }
}

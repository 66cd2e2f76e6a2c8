import { Injectable } from '@nestjs/common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { LaunchSpec } from './launch-spec';

export class McpSessionTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`The MCP server did not finish within ${timeoutMs} ms`);
    this.name = 'McpSessionTimeoutError';
  }
}

export interface McpSessionOptions {
  timeoutMs: number;
  clientName?: string;
}

function transportFor(spec: LaunchSpec): Transport {
  if (spec.transport === 'stdio') {
    // stderr is dropped: a server may print its configuration, secrets included.
    return new StdioClientTransport({ command: spec.command, args: spec.args, env: spec.env, stderr: 'ignore' });
  }
  const requestInit = { headers: spec.headers };
  if (spec.transport === 'sse') return new SSEClientTransport(new URL(spec.url), { requestInit });
  return new StreamableHTTPClientTransport(new URL(spec.url), { requestInit });
}

/**
 * Starts (stdio) or connects to (HTTP) one MCP server, runs `work` with a connected client and always
 * closes it afterwards, which kills a spawned child. The whole session is time-limited.
 */
@Injectable()
export class McpLauncher {
  async withSession<T>(spec: LaunchSpec, work: (client: Client) => Promise<T>, options: McpSessionOptions): Promise<T> {
    const client = new Client({ name: options.clientName ?? 'dynamic-mcp-agent', version: '0.1.0' });
    const transport = transportFor(spec);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new McpSessionTimeoutError(options.timeoutMs)), options.timeoutMs);
    });
    try {
      return await Promise.race([
        (async () => {
          await client.connect(transport, { timeout: options.timeoutMs });
          return work(client);
        })(),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
      await client.close().catch(() => undefined);
      await transport.close().catch(() => undefined);
    }
  }
}

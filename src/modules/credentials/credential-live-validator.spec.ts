import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CatalogServer } from '../mcp-catalog/catalog.types';
import { McpLauncher, McpSessionTimeoutError } from '../runtime/mcp-launcher';
import { CredentialLiveValidator } from './credential-live-validator';

const server: CatalogServer = {
  id: 's', name: 's', description: '', categories: [], source: 'test', tools: [], credentials: [],
  launchOptions: [{ transport: 'stdio', command: 'srv', args: [], envTemplate: {} }],
  validationTool: { name: 'whoami', arguments: {} },
};
const SECRET = 'tok-super-secret-1';

/** A launcher whose session behaves as scripted: connect fails, or the client answers as given. */
function launcherThat(behaviour: { connectError?: Error; client?: Partial<Client> }): McpLauncher {
  return {
    withSession: async (_spec: unknown, work: (client: Client) => Promise<unknown>) => {
      if (behaviour.connectError) throw behaviour.connectError;
      return work(behaviour.client as Client);
    },
  } as unknown as McpLauncher;
}

const check = (launcher: McpLauncher, target = server) => new CredentialLiveValidator(launcher).check(target, { TOKEN: SECRET }, new Set(['TOKEN']), 1000);

describe('CredentialLiveValidator', () => {
  it('is valid when tools/list and the catalog validation tool succeed', async () => {
    const client = { listTools: jest.fn().mockResolvedValue({ tools: [{ name: 'whoami' }] }), callTool: jest.fn().mockResolvedValue({ content: [] }) };
    await expect(check(launcherThat({ client }))).resolves.toEqual({ status: 'valid', reason: 'connected, listed 1 tool(s) and whoami succeeded' });
    expect(client.callTool).toHaveBeenCalledWith({ name: 'whoami', arguments: {} });
  });

  it('is invalid when the validation tool reports an error, with the secret removed from the reason', async () => {
    const client = { listTools: jest.fn().mockResolvedValue({ tools: [] }), callTool: jest.fn().mockResolvedValue({ isError: true, content: [{ type: 'text', text: `bad token ${SECRET}` }] }) };
    const result = await check(launcherThat({ client }));
    expect(result).toEqual({ status: 'invalid', reason: 'whoami failed: bad token [redacted]' });
  });

  it('is invalid when a request fails after connecting', async () => {
    const client = { listTools: jest.fn().mockRejectedValue(new Error(`denied for ${SECRET}`)) };
    await expect(check(launcherThat({ client }))).resolves.toEqual({ status: 'invalid', reason: 'the server refused: denied for [redacted]' });
  });

  it('stays unverified when the server cannot start, times out, or has no launch option', async () => {
    expect((await check(launcherThat({ connectError: new Error('spawn docker ENOENT') }))).status).toBe('unverified');
    expect((await check(launcherThat({ connectError: new McpSessionTimeoutError(1000) }))).status).toBe('unverified');
    expect((await check(launcherThat({}), { ...server, launchOptions: [] })).status).toBe('unverified');
  });

  it('refuses to launch when the catalog would put the secret in argv', async () => {
    const target: CatalogServer = { ...server, launchOptions: [{ transport: 'stdio', command: 'srv', args: ['--token={TOKEN}'], envTemplate: {} }] };
    const result = await check(launcherThat({ client: {} }), target);
    expect(result.status).toBe('unverified');
    expect(result.reason).toContain('Refusing to place the secret TOKEN');
    expect(result.reason).not.toContain(SECRET);
  });
});

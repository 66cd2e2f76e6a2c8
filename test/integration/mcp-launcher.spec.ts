import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogServer, LaunchOption } from '../../src/modules/mcp-catalog/catalog.types';
import { CredentialLiveValidator } from '../../src/modules/credentials/credential-live-validator';
import { buildLaunchSpec, UnsafeLaunchError } from '../../src/modules/runtime/launch-spec';
import { McpLauncher, McpSessionTimeoutError } from '../../src/modules/runtime/mcp-launcher';
import { FIXTURE_ACCEPTED_TOKEN, TOKEN_SERVER_PATH } from '../fixtures/mcp/fixture-catalog';
import { startHttpTokenServer } from '../fixtures/mcp/http-token-server';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls until the process is gone (the transport signals it on close; exit is asynchronous). */
async function exited(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && isAlive(pid); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  return !isAlive(pid);
}

describe('MCP launcher', () => {
  const launcher = new McpLauncher();
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'launcher-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('launches a stdio server with secrets in its environment only, and kills it afterwards', async () => {
    const argvFile = join(dir, 'argv.json');
    const spec = buildLaunchSpec(
      { transport: 'stdio', command: process.execPath, args: [TOKEN_SERVER_PATH], envTemplate: { FIXTURE_TOKEN: '', FIXTURE_ARGV_FILE: argvFile } },
      { FIXTURE_TOKEN: FIXTURE_ACCEPTED_TOKEN },
      new Set(['FIXTURE_TOKEN']),
    );
    const result = await launcher.withSession(spec, async (client) => {
      const tools = (await client.listTools()).tools.map((tool) => tool.name);
      const sum = await client.callTool({ name: 'add', arguments: { a: 2, b: 3 } });
      return { tools, sum };
    }, { timeoutMs: 20_000 });
    expect(result.tools).toEqual(['whoami', 'echo', 'add']);
    expect(result.sum.content).toEqual([{ type: 'text', text: '5' }]);
    const recorded = JSON.parse(readFileSync(argvFile, 'utf8')) as { pid: number; argv: string[] };
    expect(recorded.argv.join(' ')).not.toContain(FIXTURE_ACCEPTED_TOKEN);
    expect(await exited(recorded.pid)).toBe(true);
  });

  it('refuses to put a secret in process arguments or a URL', () => {
    const secretKeys = new Set(['TOKEN']);
    expect(() => buildLaunchSpec({ transport: 'stdio', command: 'x', args: ['--token', '{TOKEN}'], envTemplate: {} }, { TOKEN: 's3cret' }, secretKeys)).toThrow(UnsafeLaunchError);
    expect(() => buildLaunchSpec({ transport: 'streamable-http', url: 'https://h/{TOKEN}', headers: {}, envTemplate: {} }, { TOKEN: 's3cret' }, secretKeys)).toThrow(UnsafeLaunchError);
    const settings = buildLaunchSpec({ transport: 'stdio', command: 'x', args: ['--db', '{DB_PATH}'], envTemplate: {} }, { DB_PATH: '/tmp/db' }, secretKeys);
    expect(settings).toMatchObject({ args: ['--db', '/tmp/db'] });
  });

  it('ends a session that runs past its time limit and kills the child', async () => {
    const argvFile = join(dir, 'slow.json');
    const spec = buildLaunchSpec({ transport: 'stdio', command: process.execPath, args: [TOKEN_SERVER_PATH], envTemplate: { FIXTURE_ARGV_FILE: argvFile } }, {}, new Set());
    await expect(launcher.withSession(spec, () => new Promise(() => undefined), { timeoutMs: 5000 })).rejects.toThrow(McpSessionTimeoutError);
    const { pid } = JSON.parse(readFileSync(argvFile, 'utf8')) as { pid: number };
    expect(await exited(pid)).toBe(true);
  });

  it('connects to a remote Streamable HTTP server with the credential in a header', async () => {
    const remote = await startHttpTokenServer('remote-secret-123');
    try {
      const option = { transport: 'streamable-http' as const, url: remote.url, headers: { Authorization: 'Bearer {API_KEY}' }, envTemplate: {} };
      const ok = buildLaunchSpec(option, { API_KEY: 'remote-secret-123' }, new Set(['API_KEY']));
      const whoami = await launcher.withSession(ok, (client) => client.callTool({ name: 'whoami', arguments: {} }), { timeoutMs: 10_000 });
      expect(whoami.content).toEqual([{ type: 'text', text: 'http-user' }]);
      const bad = buildLaunchSpec(option, { API_KEY: 'wrong' }, new Set(['API_KEY']));
      await expect(launcher.withSession(bad, (client) => client.listTools(), { timeoutMs: 10_000 })).rejects.toThrow();
      expect(remote.authorizations).toContain('Bearer remote-secret-123');
    } finally {
      await remote.close();
    }
  });
});

describe('live credential check outcomes', () => {
  const validator = new CredentialLiveValidator(new McpLauncher());
  const serverWith = (option: LaunchOption, validationTool?: CatalogServer['validationTool']): CatalogServer => ({
    id: 's', name: 's', description: '', categories: [], source: 'test', tools: [], credentials: [], launchOptions: [option], validationTool,
  });

  it('leaves credentials unverified when the server cannot even be started', async () => {
    const result = await validator.check(serverWith({ transport: 'stdio', command: '/nonexistent/mcp-server', args: [], envTemplate: {} }), { TOKEN: 'abc12345' }, new Set(['TOKEN']), 5000);
    expect(result.status).toBe('unverified');
    expect(result.reason).toContain('could not be started');
  });

  it('marks credentials invalid when a remote server answers 401, without echoing them', async () => {
    const remote = await startHttpTokenServer('the-right-one');
    try {
      const option: LaunchOption = { transport: 'streamable-http', url: remote.url, headers: { Authorization: 'Bearer {API_KEY}' }, envTemplate: {} };
      const bad = await validator.check(serverWith(option), { API_KEY: 'the-wrong-one' }, new Set(['API_KEY']), 10_000);
      expect(bad.status).toBe('invalid');
      expect(bad.reason).not.toContain('the-wrong-one');
      const good = await validator.check(serverWith(option, { name: 'whoami', arguments: {} }), { API_KEY: 'the-right-one' }, new Set(['API_KEY']), 10_000);
      expect(good).toEqual({ status: 'valid', reason: expect.stringContaining('whoami succeeded') });
    } finally {
      await remote.close();
    }
  });

  it('marks credentials invalid when the server refuses tools/list after connecting', async () => {
    const option: LaunchOption = { transport: 'stdio', command: process.execPath, args: [TOKEN_SERVER_PATH], envTemplate: { FIXTURE_REJECT_LIST: 'true' } };
    const result = await validator.check(serverWith(option), { FIXTURE_TOKEN: 'fixture-token-bad00000' }, new Set(['FIXTURE_TOKEN']), 20_000);
    expect(result.status).toBe('invalid');
    expect(result.reason).toContain('authentication failed');
    expect(result.reason).not.toContain('fixture-token-bad00000');
  });
});

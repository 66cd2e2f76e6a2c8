import { compareVersions, OFFICIAL_META, parseRegistryEntries } from './registry-entry.parser';

const SOURCE = 'registry:http://127.0.0.1';

function entry(server: Record<string, unknown>, meta: Record<string, unknown> = {}) {
  return { server, _meta: { [OFFICIAL_META]: { status: 'active', isLatest: true, updatedAt: '2026-01-01T00:00:00Z', ...meta } } };
}

describe('parseRegistryEntries', () => {
  it('maps packages to stdio launch options and env vars to credential requirements', () => {
    const parsed = parseRegistryEntries(
      [
        entry({
          name: 'io.github.example/weather',
          title: 'Weather',
          description: 'Forecasts',
          version: '1.2.0',
          repository: { url: 'https://github.com/example/weather', source: 'github' },
          packages: [
            {
              registryType: 'npm',
              identifier: '@example/weather',
              version: '1.2.0',
              transport: { type: 'stdio' },
              packageArguments: [{ type: 'named', name: '--units', value: 'metric' }, { type: 'positional', valueHint: 'dir' }],
              environmentVariables: [
                { name: 'WEATHER_API_KEY', description: 'API key', isRequired: true, isSecret: true },
                { name: 'WEATHER_REGION', description: 'Region', default: 'eu' },
                { name: 'WEATHER_CA_FILE', format: 'filepath' },
              ],
            },
            { registryType: 'pypi', identifier: 'weather-mcp', version: '0.3', transport: { type: 'stdio' } },
            { registryType: 'oci', identifier: 'docker.io/example/weather:1.2.0', transport: { type: 'stdio' } },
            { registryType: 'nuget', identifier: 'Example.Weather', transport: { type: 'stdio' } },
          ],
        }),
      ],
      SOURCE,
    );
    expect(parsed.skipped).toEqual([]);
    const [server] = parsed.records;
    expect(server).toMatchObject({ id: 'io.github.example/weather', name: 'Weather', description: 'Forecasts', repository: 'https://github.com/example/weather', source: SOURCE });
    expect(server.launchOptions).toEqual([
      {
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@example/weather@1.2.0', '--units', 'metric'],
        envTemplate: { WEATHER_API_KEY: '', WEATHER_REGION: 'eu', WEATHER_CA_FILE: '' },
        packageRegistry: 'npm',
        packageIdentifier: '@example/weather',
      },
      { transport: 'stdio', command: 'uvx', args: ['weather-mcp'], envTemplate: {}, packageRegistry: 'pypi', packageIdentifier: 'weather-mcp' },
      { transport: 'stdio', command: 'docker', args: ['run', '-i', '--rm', 'docker.io/example/weather:1.2.0'], envTemplate: {}, packageRegistry: 'oci', packageIdentifier: 'docker.io/example/weather:1.2.0' },
    ]);
    expect(server.credentials.map((c) => [c.key, c.kind, c.required, c.secret, c.format])).toEqual([
      ['WEATHER_API_KEY', 'token', true, true, 'string'],
      ['WEATHER_REGION', 'setting', false, false, 'string'],
      ['WEATHER_CA_FILE', 'file', false, true, 'file'],
    ]);
  });

  it('maps remotes to remote launch options, headers to {KEY} placeholders and credentials', () => {
    const parsed = parseRegistryEntries(
      [
        entry({
          name: 'com.example/crm',
          version: '2.0.0',
          remotes: [
            {
              type: 'streamable-http',
              url: 'https://mcp.example.com/{tenant}/mcp',
              variables: { tenant: { description: 'Tenant id', isRequired: true } },
              headers: [
                { name: 'X-API-Key', description: 'API key', isRequired: true, isSecret: true },
                { name: 'Authorization', value: 'Bearer {crm_token}', isRequired: true, isSecret: true },
                { name: 'X-Client', value: 'dmcp' },
              ],
            },
            { type: 'websocket', url: 'wss://mcp.example.com' },
          ],
        }),
      ],
      SOURCE,
    );
    const [server] = parsed.records;
    expect(server.name).toBe('crm');
    expect(server.launchOptions).toEqual([
      {
        transport: 'streamable-http',
        url: 'https://mcp.example.com/{TENANT}/mcp',
        headers: { 'X-API-Key': '{X_API_KEY}', Authorization: 'Bearer {CRM_TOKEN}', 'X-Client': 'dmcp' },
        envTemplate: {},
      },
    ]);
    expect(server.credentials.map((c) => [c.key, c.kind, c.required, c.secret])).toEqual([
      ['X_API_KEY', 'token', true, true],
      ['CRM_TOKEN', 'token', true, true],
      ['TENANT', 'setting', true, false],
    ]);
  });

  it('keeps only the latest version of each name and reports deleted names for removal', () => {
    const parsed = parseRegistryEntries(
      [
        entry({ name: 'a/one', version: '1.9.0', description: 'old' }, { isLatest: false, updatedAt: '2026-01-02T00:00:00Z' }),
        entry({ name: 'a/one', version: '1.10.0', description: 'new' }, { updatedAt: '2026-01-03T00:00:00Z' }),
        entry({ name: 'a/gone', version: '1.0.0' }, { status: 'deleted', updatedAt: '2026-01-04T00:00:00Z' }),
        entry({ name: 'a/old-style', version: '0.1.0' }, { status: 'deprecated' }),
        { name: 'b/bare', version: '1.0.0' },
        { name: 'b/bare', version: '1.2.0', description: 'bare latest' },
        { server: { description: 'no name' } },
      ],
      SOURCE,
    );
    expect(parsed.records.map((r) => [r.id, r.description])).toEqual([
      ['a/one', 'new'],
      ['a/old-style', ''],
      ['b/bare', 'bare latest'],
    ]);
    expect(parsed.removedIds).toEqual(['a/gone']);
    expect(parsed.highWaterMark).toBe('2026-01-04T00:00:00Z');
    expect(parsed.skipped).toEqual([{ key: '#6', reason: 'registry entry needs a server with a name' }]);
  });

  it('skips a server with malformed packages or remotes, with a reason', () => {
    const parsed = parseRegistryEntries(
      [entry({ name: 'x/pk', packages: [{ identifier: 'no-type' }] }), entry({ name: 'x/rm', remotes: 'https://x' }), entry({ name: 'x/env', packages: [{ registryType: 'npm', identifier: 'y', environmentVariables: [{ description: 'nameless' }] }] })],
      SOURCE,
    );
    expect(parsed.records).toEqual([]);
    expect(parsed.skipped).toEqual([
      { key: 'x/pk', reason: 'packages[0] needs registryType and identifier' },
      { key: 'x/rm', reason: 'remotes must be a list' },
      { key: 'x/env', reason: 'packages[0] has an environment variable without a name' },
    ]);
  });
});

describe('compareVersions', () => {
  it('compares dotted versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.2')).toBe(1);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('0.9', '0.10')).toBe(-1);
  });
});

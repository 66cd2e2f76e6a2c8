import { CatalogImportFailed } from '../catalog.errors';
import { parseSeedCatalog, SeedDocuments } from './seed-catalog.parser';

const SOURCE = 'seed:test';

function docs(servers: unknown[], config: Record<string, unknown> = {}, credinfo: Record<string, unknown> = {}): SeedDocuments {
  return { servers: { servers }, config: { mcpServers: config }, credinfo: { credential_instructions: credinfo } };
}

const slack = {
  id: 'github.com/example/slack',
  name: 'Slack',
  description: 'Post to Slack channels',
  categories: ['chat'],
  repository: 'https://github.com/example/slack',
  tools: [{ name: 'post_message', description: 'Post a message' }],
};

describe('parseSeedCatalog', () => {
  it('maps a server with its launch option and every kind of credential', () => {
    const parsed = parseSeedCatalog(
      docs(
        [slack],
        {
          [slack.id]: {
            command: 'npx',
            args: ['-y', '@example/slack', '--workspace={SLACK_TEAM_ID}'],
            env: { SLACK_BOT_TOKEN: '', SLACK_LOG: '', GOOGLE_CREDS: '' },
            transport: 'stdio',
            package: { registry: 'npm', identifier: '@example/slack' },
          },
        },
        {
          [slack.id]: {
            required_tokens: { SLACK_BOT_TOKEN: 'Bot token' },
            optional_tokens: { SLACK_LOG: 'Log token' },
            settings: { SLACK_TEAM_ID: { description: 'Team id', required: true } },
            files: { GOOGLE_CREDS: { description: 'OAuth client', file_type: 'json', shape: 'google_oauth_client', required: false } },
            steps: ['General note'],
            instructions: { SLACK_BOT_TOKEN: ['one', 'two', 'three'] },
            formats: { SLACK_BOT_TOKEN: { pattern: '^xoxb-', hint: 'starts with xoxb-' } },
            validation_tool: { name: 'post_message', arguments: { dry_run: true } },
          },
        },
      ),
      SOURCE,
    );
    expect(parsed.skipped).toEqual([]);
    const [server] = parsed.records;
    expect(server).toMatchObject({ id: slack.id, name: 'Slack', source: SOURCE, repository: slack.repository, categories: ['chat'] });
    expect(server.launchOptions).toEqual([
      {
        transport: 'stdio',
        command: 'npx',
        args: ['-y', '@example/slack', '--workspace={SLACK_TEAM_ID}'],
        envTemplate: { SLACK_BOT_TOKEN: '', SLACK_LOG: '', GOOGLE_CREDS: '' },
        packageRegistry: 'npm',
        packageIdentifier: '@example/slack',
      },
    ]);
    const byKey = Object.fromEntries(server.credentials.map((c) => [c.key, c]));
    expect(byKey.SLACK_BOT_TOKEN).toMatchObject({ kind: 'token', required: true, secret: true, format: 'string', steps: ['one', 'two', 'three'], pattern: '^xoxb-', patternHint: 'starts with xoxb-' });
    expect(byKey.SLACK_LOG).toMatchObject({ kind: 'token', required: false, secret: true, steps: ['General note'] });
    expect(byKey.SLACK_TEAM_ID).toMatchObject({ kind: 'setting', required: true, secret: false, format: 'string' });
    expect(byKey.GOOGLE_CREDS).toMatchObject({ kind: 'file', required: false, format: 'file', fileType: 'json', fileShape: 'google_oauth_client' });
    expect(server.validationTool).toEqual({ name: 'post_message', arguments: { dry_run: true } });
  });

  it('keeps {KEY} placeholders in remote urls and headers and turns undeclared ones into required secrets', () => {
    const remote = { id: 'io.example/linear', name: 'Linear', tools: [] };
    const parsed = parseSeedCatalog(
      docs([remote], { [remote.id]: { url: 'https://mcp.example.com/{WORKSPACE}', transport: 'sse', env: {}, headers: { Authorization: 'Bearer {LINEAR_API_KEY}' } } }, {
        [remote.id]: { required_tokens: { LINEAR_API_KEY: 'API key' }, optional_tokens: {}, settings: {}, steps: [] },
      }),
      SOURCE,
    );
    const [server] = parsed.records;
    expect(server.launchOptions).toEqual([{ transport: 'sse', url: 'https://mcp.example.com/{WORKSPACE}', headers: { Authorization: 'Bearer {LINEAR_API_KEY}' }, envTemplate: {} }]);
    expect(server.credentials.map((c) => [c.key, c.kind, c.required, c.secret])).toEqual([
      ['LINEAR_API_KEY', 'token', true, true],
      ['WORKSPACE', 'token', true, true],
    ]);
  });

  it('uses the slugified name as the id when a server has none, and the id as the name when it has no name', () => {
    const parsed = parseSeedCatalog(docs([{ name: 'Café Notes: Pro!', tools: [] }, { id: 'npm:nameless', name: null }]), SOURCE);
    expect(parsed.records.map((r) => [r.id, r.name])).toEqual([
      ['cafe-notes-pro', 'Café Notes: Pro!'],
      ['npm:nameless', 'npm:nameless'],
    ]);
  });

  it('skips duplicate ids after the first, and records with missing or mistyped fields, with reasons', () => {
    const parsed = parseSeedCatalog(
      docs([
        slack,
        { ...slack, name: 'Second Slack' },
        { description: 'no id, no name' },
        { id: 'bad-tools', name: 'x', tools: 'post' },
        { id: 'bad-categories', name: 'x', categories: [1] },
        { id: 'bad-name', name: 42 },
        { id: 'tool-without-name', name: 'x', tools: [{ description: 'nameless' }] },
        'not an object',
        { id: 'good', name: 'Good' },
      ]),
      SOURCE,
    );
    expect(parsed.records.map((r) => r.id)).toEqual([slack.id, 'good']);
    expect(parsed.records[0].name).toBe('Slack');
    expect(parsed.skipped).toEqual([
      { key: slack.id, reason: 'duplicate id (the first occurrence was kept)' },
      { key: '#2', reason: 'missing id and name' },
      { key: 'bad-tools', reason: 'tools must be a list' },
      { key: 'bad-categories', reason: 'categories must be a list of strings' },
      { key: 'bad-name', reason: 'name must be a string' },
      { key: 'tool-without-name', reason: 'tools[0] needs a name' },
      { key: '#7', reason: 'server entry must be an object' },
    ]);
  });

  it('skips a server whose config or credinfo entry is malformed, and orphan entries', () => {
    const parsed = parseSeedCatalog(
      docs(
        [
          { id: 'no-command', name: 'a' },
          { id: 'bad-env', name: 'b' },
          { id: 'bad-setting', name: 'c' },
          { id: 'bad-format', name: 'd' },
        ],
        { 'no-command': { args: [], env: {} }, 'bad-env': { command: 'npx', args: [], env: { KEY: 1 } }, orphan: { command: 'npx', args: [], env: {} } },
        {
          'bad-setting': { required_tokens: {}, settings: { REGION: { description: 'x', required: 'yes' } } },
          'bad-format': { required_tokens: { T: 'token' }, formats: { T: { pattern: '^(' } } },
        },
      ),
      SOURCE,
    );
    expect(parsed.records).toEqual([]);
    expect(parsed.skipped).toEqual([
      { key: 'no-command', reason: 'config.json entry needs a command or a url' },
      { key: 'bad-env', reason: 'config.json env.KEY must be a string' },
      { key: 'bad-setting', reason: 'credinfo.json setting REGION.required must be a boolean' },
      { key: 'bad-format', reason: 'credinfo.json formats.T pattern does not compile' },
      { key: 'orphan', reason: 'config.json entry has no server in servers.json' },
    ]);
  });

  it('rejects a key declared twice and records carrying text PostgreSQL cannot store', () => {
    const parsed = parseSeedCatalog(
      docs(
        [{ id: 'twice', name: 'a' }, { id: 'garbled', name: 'Caf\uFFFD' }, { id: 'nul', name: 'ok', description: 'a\u0000b' }, { id: 'fine', name: 'Fine' }],
        {},
        { twice: { required_tokens: { K: 'k' }, settings: { K: { description: 'k', required: true } } } },
      ),
      SOURCE,
    );
    expect(parsed.skipped).toEqual([
      { key: 'twice', reason: 'credinfo.json declares K twice' },
      { key: 'garbled', reason: 'contains bytes that are not valid UTF-8' },
      { key: 'nul', reason: 'contains a NUL character, which text cannot hold' },
    ]);
    expect(parsed.records.map((r) => r.id)).toEqual(['fine']);
  });

  it('fails the whole import when a document has the wrong shape', () => {
    expect(() => parseSeedCatalog({ servers: [] }, SOURCE)).toThrow(CatalogImportFailed);
    expect(() => parseSeedCatalog({ servers: { servers: [] }, config: { servers: {} } }, SOURCE)).toThrow('config.json must be an object with a "mcpServers" object');
  });

  it('treats an empty package placeholder as no package', () => {
    const parsed = parseSeedCatalog(docs([{ id: 'local', name: 'Local' }], { local: { command: '/opt/bin/x', args: [], env: {}, transport: 'stdio', package: { registry: null, identifier: null } } }), SOURCE);
    expect(parsed.records[0].launchOptions).toEqual([{ transport: 'stdio', command: '/opt/bin/x', args: [], envTemplate: {} }]);
  });
});

import { contentHash } from './catalog-content-hash';
import { mergeCuratedGuidance } from './catalog-guidance.merge';
import type { CatalogServer, CredentialRequirement } from './catalog.types';

const credential = (key: string, extra: Partial<CredentialRequirement> = {}): CredentialRequirement => ({
  serverId: 's',
  key,
  kind: 'token',
  description: 'd',
  required: true,
  secret: true,
  format: 'string',
  steps: [],
  ...extra,
});

const server = (extra: Partial<CatalogServer> = {}): CatalogServer => ({
  id: 's',
  name: 'S',
  description: '',
  categories: [],
  source: 'seed:big',
  tools: [{ name: 'list', description: '' }],
  launchOptions: [],
  credentials: [credential('TOKEN')],
  ...extra,
});

const npx = { transport: 'stdio' as const, command: 'npx', args: ['-y', 'pkg'], envTemplate: { TOKEN: '' } };

describe('mergeCuratedGuidance', () => {
  const stored = {
    hash: 'h',
    source: 'starter',
    validationTool: { name: 'list', arguments: {} },
    credentials: [credential('TOKEN', { steps: ['a', 'b', 'c'], pattern: '^tok_', patternHint: 'starts with tok_' })],
    launchOptions: [npx],
  };

  it('keeps the stored launch command when the incoming record has none, and takes the incoming one otherwise', () => {
    expect(mergeCuratedGuidance(server(), stored).launchOptions).toEqual([npx]);
    const uvx = { transport: 'stdio' as const, command: 'uvx', args: ['other'], envTemplate: {} };
    expect(mergeCuratedGuidance(server({ launchOptions: [uvx] }), stored).launchOptions).toEqual([uvx]);
  });

  it('keeps stored steps, pattern and validation tool the incoming record lacks', () => {
    const merged = mergeCuratedGuidance(server(), stored);
    expect(merged.credentials[0]).toMatchObject({ steps: ['a', 'b', 'c'], pattern: '^tok_', patternHint: 'starts with tok_' });
    expect(merged.validationTool).toEqual({ name: 'list', arguments: {} });
  });

  it('lets incoming guidance win, and drops a validation tool the server no longer lists', () => {
    const incoming = server({ tools: [{ name: 'other', description: '' }], credentials: [credential('TOKEN', { steps: ['new'] })] });
    const merged = mergeCuratedGuidance(incoming, stored);
    expect(merged.credentials[0].steps).toEqual(['new']);
    expect(merged.validationTool).toBeUndefined();
  });

  it('is idempotent, so re-importing a plain source hashes the same as what is stored', () => {
    const once = mergeCuratedGuidance(server(), stored);
    const twice = mergeCuratedGuidance(server(), { ...stored, credentials: once.credentials, validationTool: once.validationTool, launchOptions: once.launchOptions });
    expect(contentHash(twice)).toBe(contentHash(once));
  });
});

describe('contentHash', () => {
  it('ignores the source and credential order but sees any content change', () => {
    const a = server({ credentials: [credential('A'), credential('B')] });
    expect(contentHash({ ...a, source: 'other' })).toBe(contentHash(a));
    expect(contentHash({ ...a, credentials: [credential('B'), credential('A')] })).toBe(contentHash(a));
    expect(contentHash({ ...a, description: 'changed' })).not.toBe(contentHash(a));
    expect(contentHash({ ...a, tools: [] })).not.toBe(contentHash(a));
  });
});

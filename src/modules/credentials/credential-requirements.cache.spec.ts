import type { CatalogServer, CredentialRequirement } from '../mcp-catalog/catalog.types';
import { CredentialRequirementsCache, REQUIREMENTS_CACHE_MS } from './credential-requirements.cache';
import { StaticRequirementsSource } from './credential-requirements.source';

const requirement = (serverId: string, key: string): CredentialRequirement => ({
  serverId,
  key,
  kind: 'token',
  description: key,
  required: true,
  secret: true,
  format: 'string',
  steps: [`Get ${key}`],
});
const server = (id: string, credentials: CredentialRequirement[]): CatalogServer => ({ id, name: id, description: '', categories: [], source: 'test', tools: [], launchOptions: [], credentials });

describe('CredentialRequirementsCache', () => {
  const source = new StaticRequirementsSource([server('a', [requirement('a', 'A_TOKEN')]), server('b', [requirement('b', 'B_TOKEN')]), server('none', [])]);
  let fetch: jest.SpyInstance;
  let cache: CredentialRequirementsCache;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-22T06:00:00Z') });
    fetch = jest.spyOn(source, 'getCredentialRequirements');
    cache = new CredentialRequirementsCache(source);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('answers like the catalog: requirements per known server, an empty list for none, unknown ids absent', async () => {
    const result = await cache.getCredentialRequirements(['a', 'none', 'nope', 'a']);
    expect([...result.entries()]).toEqual([
      ['a', [requirement('a', 'A_TOKEN')]],
      ['none', []],
    ]);
  });

  it('asks the catalog only for ids it has not seen recently, unknown ones included', async () => {
    await cache.getCredentialRequirements(['a', 'nope']);
    await cache.getCredentialRequirements(['a', 'nope']);
    await cache.getCredentialRequirements(['b', 'a']);
    expect(fetch.mock.calls).toEqual([[['a', 'nope']], [['b']]]);
  });

  it('asks again once an entry is older than the cache period, so catalog imports show up', async () => {
    await cache.getCredentialRequirements(['a']);
    jest.advanceTimersByTime(REQUIREMENTS_CACHE_MS - 1);
    await cache.getCredentialRequirements(['a']);
    expect(fetch).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1);
    await cache.getCredentialRequirements(['a']);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

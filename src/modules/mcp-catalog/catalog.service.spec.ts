import { CatalogServerNotFound } from './catalog.errors';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import type { CatalogServer } from './catalog.types';
import { StarterGuidance } from './starter-catalog';

const slackServer: CatalogServer = {
  id: 'npm:some-slack-mcp',
  name: 'Another Slack server',
  description: '',
  categories: [],
  source: 'seed:big',
  tools: [],
  launchOptions: [{ transport: 'stdio', command: 'npx', args: ['-y', 'some-slack-mcp', '--channel={CHANNEL}'], envTemplate: { SLACK_BOT_TOKEN: '' } }],
  credentials: [
    { serverId: 'npm:some-slack-mcp', key: 'SLACK_BOT_TOKEN', kind: 'token', description: '', required: true, secret: true, format: 'string', steps: [] },
    { serverId: 'npm:some-slack-mcp', key: 'UNHEARD_OF_KEY', kind: 'token', description: 'x', required: true, secret: true, format: 'string', steps: [] },
  ],
};

/** A repository mock that fails on any call the test did not expect. */
function strictRepository(overrides: Partial<Record<keyof CatalogRepository, jest.Mock>>): CatalogRepository {
  return new Proxy(overrides, {
    get: (target, prop: string) => target[prop as keyof CatalogRepository] ?? (() => { throw new Error(`unexpected repository call ${prop}`); }),
  }) as unknown as CatalogRepository;
}

describe('CatalogService', () => {
  const guidance = new StarterGuidance();

  it('throws CatalogServerNotFound (404, CATALOG_SERVER_NOT_FOUND) for an unknown id', async () => {
    const service = new CatalogService(strictRepository({ findById: jest.fn().mockResolvedValue(undefined) }), guidance);
    const error = await service.getServer('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogServerNotFound);
    expect(error).toMatchObject({ status: 404, code: 'CATALOG_SERVER_NOT_FOUND' });
  });

  it('fills a key with no instructions from the starter catalog guidance for the same key name', async () => {
    const service = new CatalogService(strictRepository({ findById: jest.fn().mockResolvedValue(slackServer) }), guidance);
    const server = await service.getServer(slackServer.id);
    const token = server.credentials.find((c) => c.key === 'SLACK_BOT_TOKEN');
    expect(token?.steps.length).toBeGreaterThanOrEqual(3);
    expect(token?.pattern).toBe(service.knownCredentialGuidance('SLACK_BOT_TOKEN')?.pattern);
    expect(token?.description).not.toBe('');
    expect(server.credentials.find((c) => c.key === 'UNHEARD_OF_KEY')?.steps).toEqual([]);
    expect(service.knownCredentialGuidance('UNHEARD_OF_KEY')).toBeUndefined();
  });

  it('returns requirements only for known servers, in a map', async () => {
    const findByIds = jest.fn().mockResolvedValue([slackServer]);
    const service = new CatalogService(strictRepository({ findByIds }), guidance);
    const map = await service.getCredentialRequirements([slackServer.id, 'unknown']);
    expect([...map.keys()]).toEqual([slackServer.id]);
    expect(map.get(slackServer.id)?.map((c) => c.key)).toEqual(['SLACK_BOT_TOKEN', 'UNHEARD_OF_KEY']);
    expect(findByIds).toHaveBeenCalledWith([slackServer.id, 'unknown']);
  });

  it('finds the sanctioned launch option for a command line, and none for another', async () => {
    const service = new CatalogService(strictRepository({ findById: jest.fn().mockResolvedValue(slackServer) }), guidance);
    await expect(service.findSanctionedLaunch(slackServer.id, 'npx', ['-y', 'some-slack-mcp', '--channel=C123'])).resolves.toBe(slackServer.launchOptions[0]);
    await expect(service.findSanctionedLaunch(slackServer.id, 'npx', ['-y', 'other-package', '--channel=C123'])).resolves.toBeUndefined();
  });
});

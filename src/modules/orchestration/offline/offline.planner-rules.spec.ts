import type { CatalogSearchHit, CatalogSearchQuery, CatalogSearchResult, CatalogServer, LaunchOption } from '../../mcp-catalog/catalog.types';
import { CatalogPort } from '../../agents/ports/catalog.port';
import { splitClauses } from './capabilities';
import { OfflinePlanner } from './offline.planner';
import { isMultiCapability } from './pick-focus';
import { SearchMemo } from './search-memo';

type Row = [id: string, name: string, score: number, fields: string[]];

/**
 * A catalog whose search answers are scripted per query text (any text not scripted finds nothing),
 * honouring `serverIds` like the real search, and counting every call the planner makes.
 */
class ScriptedCatalog extends CatalogPort {
  searches: CatalogSearchQuery[] = [];
  recordCalls: string[][] = [];

  constructor(private readonly script: Record<string, Row[]>) {
    super();
  }

  async search(query: CatalogSearchQuery): Promise<CatalogSearchResult> {
    this.searches.push(query);
    const rows = this.script[query.text.toLowerCase()] ?? [];
    const allowed = query.serverIds ? new Set(query.serverIds) : undefined;
    const hits = rows.filter(([id]) => !allowed || allowed.has(id)).slice(0, query.limit).map(toHit);
    return { hits, tookMs: 0 };
  }

  async getServers(ids: string[]): Promise<CatalogServer[]> {
    this.recordCalls.push(ids);
    return ids.map((id) => record(id));
  }

  async getServer(id: string): Promise<CatalogServer | undefined> {
    return record(id);
  }

  async findSanctionedLaunch(): Promise<LaunchOption | undefined> {
    return undefined;
  }
}

function toHit([id, name, score, fields]: Row): CatalogSearchHit {
  const tools = [{ name: `${id.replace(/\W+/g, '_')}_do`, description: `does ${name}` }];
  return { server: { id, name, description: name, categories: [], tools, credentials: [], launchable: true }, score, matchedFields: fields, matchedTools: [], reason: 'scripted' };
}

function record(id: string): CatalogServer {
  return { id, name: id, description: '', categories: [], source: 'seed', tools: [], launchOptions: [], credentials: [] };
}

const plan = (planner: OfflinePlanner, message: string) => planner.plan({ message, history: [], context: {} });

describe('OfflinePlanner: curated entries for named products', () => {
  // The whole catalog ranks two look-alikes above the curated Gmail entry, which is not even in the top hits.
  const script: Record<string, Row[]> = {
    'watch my gmail for invoices': [
      ['lookalike/gmail-mcp', 'Gmail MCP', 6, ['name', 'tools']],
      ['other/gmail-server', 'Gmail MCP Server', 5, ['name']],
    ],
    gmail: [
      ['curated/workspace', 'Google Workspace (Drive, Docs, Gmail, Calendar, Sheets)', 9, ['name']],
      ['curated/gmail', 'Gmail', 8, ['name']],
    ],
  };

  it('picks the curated entry named for the product over same-named look-alikes', async () => {
    const planner = new OfflinePlanner(new ScriptedCatalog(script), ['curated/gmail', 'curated/workspace']);
    const result = await plan(planner, 'Watch my Gmail for invoices');
    expect(result.selected.map((s) => s.id)).toEqual(['curated/gmail']);
  });

  it('falls back to the best named hit when the catalog curates nothing for the product', async () => {
    const planner = new OfflinePlanner(new ScriptedCatalog(script), []);
    const result = await plan(planner, 'Watch my Gmail for invoices');
    expect(result.selected.map((s) => s.id)).toEqual(['lookalike/gmail-mcp']);
  });
});

describe('OfflinePlanner: how many servers a request gets', () => {
  it('treats a request split only by "and" with one kind of object as one capability', () => {
    expect(isMultiCapability(splitClauses('List and filter tasks'))).toBe(false);
    expect(isMultiCapability(splitClauses('Read my mail and post to the team channel'))).toBe(true);
    expect(isMultiCapability(splitClauses('Create a Linear ticket for every new Sentry error'))).toBe(true);
  });

  it('selects one server for a single-capability request: the whole request\'s best', async () => {
    const catalog = new ScriptedCatalog({
      list: [['noise/lister', 'Lister', 3, ['name', 'tools']]],
      'filter tasks': [['tasks/other', 'Task Board', 4, ['name', 'tools']]],
      'list and filter tasks': [['tasks/best', 'Task Tracker', 5, ['name', 'tools']], ['tasks/other', 'Task Board', 4, ['name', 'tools']]],
    });
    const result = await plan(new OfflinePlanner(catalog, []), 'List and filter tasks');
    expect(result.selected.map((s) => s.id)).toEqual(['tasks/best']);
    expect(result.steps.every((s) => s.server === 'tasks/best')).toBe(true);
  });

  it('drops a clause pick of a multi-step request that neither names a product nor is supported by the whole request', async () => {
    const request = 'Read the mail inbox, then post a summary to the chat channel';
    const catalog = new ScriptedCatalog({
      'read the mail inbox': [['mail/reader', 'Mail Reader', 5, ['name', 'tools']]],
      'post a summary to the chat channel': [['noise/summary', 'Summary Poster', 5, ['name', 'tools']]],
      [request.toLowerCase()]: [['mail/reader', 'Mail Reader', 7, ['name', 'tools']]],
    });
    const result = await plan(new OfflinePlanner(catalog, []), request);
    expect(result.selected.map((s) => s.id)).toEqual(['mail/reader']);
    expect(result.capabilities.find((c) => c.phrase.startsWith('post'))?.server).toBeNull();
  });
});

describe('SearchMemo: one message asks each question once', () => {
  it('sends a repeated search and a repeated record fetch to the catalog once', async () => {
    const catalog = new ScriptedCatalog({ slack: [['s/slack', 'Slack', 5, ['name']]] });
    const memo = new SearchMemo(catalog, ['s/slack']);
    await memo.search('Slack', 10);
    await memo.search('  slack ', 10);
    await memo.search('Slack', 5, 'curated');
    expect(catalog.searches).toHaveLength(2);
    expect(catalog.searches[1].serverIds).toEqual(['s/slack']);
    expect(memo.searchCalls).toBe(2);
    await memo.servers(['a', 'b']);
    const again = await memo.servers(['b', 'c']);
    expect(catalog.recordCalls).toEqual([['a', 'b'], ['c']]);
    expect([...again.keys()]).toEqual(['b', 'c']);
  });

  it('skips the curated search when the catalog curates nothing', async () => {
    const catalog = new ScriptedCatalog({});
    expect(await new SearchMemo(catalog, []).search('Slack', 5, 'curated')).toEqual([]);
    expect(catalog.searches).toHaveLength(0);
  });

  it('plans a message with each distinct search sent once', async () => {
    const catalog = new ScriptedCatalog({
      'create a linear ticket for every new sentry error': [['x/linear', 'Linear', 5, ['name']]],
      'sentry error': [['x/sentry', 'Sentry', 5, ['name']]],
      linear: [['x/linear', 'Linear', 5, ['name']]],
      sentry: [['x/sentry', 'Sentry', 5, ['name']]],
    });
    const result = await plan(new OfflinePlanner(catalog, ['x/linear', 'x/sentry']), 'Create a Linear ticket for every new Sentry error');
    expect(result.selected.map((s) => s.id).sort()).toEqual(['x/linear', 'x/sentry']);
    const keys = catalog.searches.map((q) => `${q.text.toLowerCase()}|${q.limit}|${q.serverIds ? 'curated' : 'all'}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

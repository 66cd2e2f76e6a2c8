import type { CatalogSearchHit, CatalogSearchQuery, CatalogSearchResult, CatalogServer, LaunchOption } from '../../mcp-catalog/catalog.types';
import { CatalogPort } from '../../agents/ports/catalog.port';
import { splitClauses } from './capabilities';
import { OfflinePlanner, ownerAndRepo } from './offline.planner';
import { nameHas } from './name-words';
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

describe('OfflinePlanner: a misspelt product name', () => {
  // The catalog search reads "gmial" as gmail, so it answers the typo as it answers the name.
  const script: Record<string, Row[]> = {
    'watch my gmial for invoices': [
      ['lookalike/gmail-mcp', 'Gmail MCP', 6, ['name', 'tools']],
      ['curated/gmail', 'Gmail', 4, ['name']],
    ],
    gmial: [['curated/gmail', 'Gmail', 8, ['name']]],
  };

  it('still finds the curated entry of the product the user meant', async () => {
    const catalog = new ScriptedCatalog(script);
    const result = await plan(new OfflinePlanner(catalog, ['curated/gmail']), 'Watch my Gmial for invoices');
    expect(result.selected.map((s) => s.id)).toEqual(['curated/gmail']);
    expect(catalog.searches.some((q) => q.text === 'Gmial' && q.serverIds?.includes('curated/gmail'))).toBe(true);
  });

  it('reads a name word one typo from the written word as that word, but not for short words', () => {
    expect(nameHas(new Set(['gmail']), 'gmial')).toBe(true);
    expect(nameHas(new Set(['slack']), 'slakc')).toBe(true);
    expect(nameHas(new Set(['jira']), 'jria')).toBe(false);
    expect(nameHas(new Set(['sheet']), 'sweet')).toBe(false);
  });
});

describe('OfflinePlanner: which server a named product is', () => {
  const script: Record<string, Row[]> = {
    'find the trending github repositories': [
      ['github.com/x/mcp-github-trending', 'mcp-github-trending MCP Server', 7, ['name', 'tools']],
      ['github.com/mcp/servers/src/git', 'Git', 3.5, ['name', 'tools']],
    ],
    'github repositories': [['github.com/mcp/servers/src/git', 'Git', 5, ['name', 'tools']]],
  };

  it('reads "GitHub" as one word and a server hosted on github.com as not named GitHub', async () => {
    const result = await plan(new OfflinePlanner(new ScriptedCatalog(script), []), 'Find the trending GitHub repositories. Summarise the top one');
    expect(result.selected.map((s) => s.id)).toEqual(['github.com/x/mcp-github-trending']);
  });

  it('names a server by its owner and repository, not by the code host in its id', () => {
    expect(ownerAndRepo('github.com/modelcontextprotocol/servers/src/git')).toBe('modelcontextprotocol/servers/src/git');
    expect(ownerAndRepo('io.github.gongrzhe/gmail-mcp-server')).toBe('gongrzhe/gmail-mcp-server');
    expect(ownerAndRepo('docker:linear')).toBe('docker:linear');
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

  it('drops a clause pick of a multi-step request that the rest of the request does not vote for', async () => {
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

describe('OfflinePlanner: long requests vote on evidence', () => {
  // A chatty two-sentence request: a tool-rich server tops both clause searches on tool words alone;
  // the weather and maps servers are named by the request's words in one clause each.
  const request = 'Find me a dry day for the trip next week. Plan a walking route between the sights';
  const script: Record<string, Row[]> = {
    'find me a dry day for the trip next week': [['hub/many-tools', 'Many Tools', 1, ['tools']], ['x/weather', 'Weather Data', 0.9, ['name', 'description']]],
    'plan a walking route between the sights': [['hub/many-tools', 'Many Tools', 1, ['tools']], ['x/maps', 'Maps', 0.8, ['name', 'tools']]],
    [request.toLowerCase()]: [['hub/many-tools', 'Many Tools', 1, ['tools']], ['x/maps', 'Maps', 0.8, ['name']], ['x/weather', 'Weather Data', 0.75, ['name']]],
  };

  it('selects the servers the request names over one that only shares tool words with every clause', async () => {
    const result = await plan(new OfflinePlanner(new ScriptedCatalog(script), []), request);
    expect(result.selected.map((s) => s.id).sort()).toEqual(['x/maps', 'x/weather']);
    expect(result.steps.map((s) => s.server)).not.toContain('hub/many-tools');
  });

  it('keeps a named product\'s server and adds no look-alike of it from the vote', async () => {
    const text = 'Check the weather every morning and message me on Slack';
    const catalog = new ScriptedCatalog({
      'check the weather every morning': [['w/weather', 'Weather', 1, ['name']]],
      'message me on slack': [['c/slack', 'Slack', 5, ['name', 'tools']]],
      slack: [['c/slack', 'Slack', 5, ['name']]],
      [text.toLowerCase()]: [['c/slack', 'Slack', 5, ['name']], ['old/slack', 'Slack (archived)', 4.8, ['name']], ['w/weather', 'Weather', 1, ['name']]],
    });
    const result = await plan(new OfflinePlanner(catalog, ['c/slack']), text);
    expect(result.selected.map((s) => s.id)).toContain('c/slack');
    expect(result.selected.map((s) => s.id)).not.toContain('old/slack');
  });

  it('does not trade a hit the request names for a curated one that only shares a tool word', async () => {
    const catalog = new ScriptedCatalog({ "find today's top tech news": [['hn/news', 'Hacker News', 2.8, ['name', 'tools']], ['fin/yahoo', 'Yahoo Finance', 2.7, ['tools']]] });
    const result = await plan(new OfflinePlanner(catalog, ['fin/yahoo']), "Find today's top tech news");
    expect(result.selected.map((s) => s.id)).toEqual(['hn/news']);
  });
});

describe('OfflinePlanner: capabilities a request implies', () => {
  it('adds a date server for "next Wednesday" beside the server the request asks for', async () => {
    const text = 'Check the train tickets from Beijing to Shanghai on next Wednesday';
    const catalog = new ScriptedCatalog({
      [text.toLowerCase()]: [['t/trains', 'Train Tickets', 5, ['name', 'tools']]],
      'find the current date and time': [['d/time', 'Time', 6, ['name', 'tools']], ['t/trains', 'Train Tickets', 2, ['tools']]],
    });
    const result = await plan(new OfflinePlanner(catalog, []), text);
    expect(result.selected.map((s) => s.id).sort()).toEqual(['d/time', 't/trains']);
    expect(result.capabilities.find((c) => c.name === 'date-time')?.server).toBe('d/time');
  });

  it('adds a hot-list server for the latest news beside the news server', async () => {
    const text = 'Find the top AI news';
    const catalog = new ScriptedCatalog({
      [text.toLowerCase()]: [['n/news', 'News', 5, ['name', 'tools']]],
      'list the trending hot topics and news': [['h/hub', 'Hot Lists', 4, ['tools']]],
    });
    const result = await plan(new OfflinePlanner(catalog, []), text);
    expect(result.selected.map((s) => s.id).sort()).toEqual(['h/hub', 'n/news']);
  });

  it('adds no server for an implied step when the stated step\'s server has a tool for it', async () => {
    // The crypto server's scripted tool is named crypto_trending_do: it lists what is trending itself.
    const text = 'Retrieve the trending tokens';
    const catalog = new ScriptedCatalog({
      [text.toLowerCase()]: [['crypto/trending', 'Crypto', 5, ['name', 'tools']]],
      'list the trending hot topics and news': [['h/hub', 'Hot Lists', 4, ['tools']]],
    });
    const result = await plan(new OfflinePlanner(catalog, []), text);
    expect(result.selected.map((s) => s.id)).toEqual(['crypto/trending']);
    expect(result.capabilities.some((c) => c.name === 'trending')).toBe(false);
  });
});

describe('SearchMemo: one message asks each question once', () => {
  it('sends a repeated search and a repeated record fetch to the catalog once', async () => {
    const catalog = new ScriptedCatalog({ slack: [['s/slack', 'Slack', 5, ['name']]] });
    const memo = new SearchMemo(catalog);
    await memo.search('Slack', 10);
    await memo.search('  slack ', 10);
    await memo.search('Slack', 5, { serverIds: ['s/slack'] });
    expect(catalog.searches).toHaveLength(2);
    expect(catalog.searches[1].serverIds).toEqual(['s/slack']);
    expect(memo.searchCalls).toBe(2);
    await memo.servers(['a', 'b']);
    const again = await memo.servers(['b', 'c']);
    expect(catalog.recordCalls).toEqual([['a', 'b'], ['c']]);
    expect([...again.keys()]).toEqual(['b', 'c']);
  });

  it('sends no search confined to no servers', async () => {
    const catalog = new ScriptedCatalog({});
    expect(await new SearchMemo(catalog).search('Slack', 5, { serverIds: [] })).toEqual([]);
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

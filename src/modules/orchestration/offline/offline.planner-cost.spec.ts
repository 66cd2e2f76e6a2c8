import type { CatalogSearchHit, CatalogSearchQuery, CatalogSearchResult, CatalogServer, LaunchOption } from '../../mcp-catalog/catalog.types';
import { CatalogPort } from '../../agents/ports/catalog.port';
import type { Clause } from './capabilities';
import { CuratedNames } from './curated-names';
import { launchableInstead, OfflinePlanner } from './offline.planner';
import { contentWeight, searchOrder } from './search-budget';
import { SearchMemo } from './search-memo';

/** [id, name, score, matched fields, launchable] */
type Row = [string, string, number, string[], boolean?];

/** Search answers scripted per query text; records carry the scripted names; every call counted. */
class ScriptedCatalog extends CatalogPort {
  searches: CatalogSearchQuery[] = [];
  recordCalls = 0;

  constructor(
    private readonly script: Record<string, Row[]>,
    private readonly names: Record<string, string> = {},
  ) {
    super();
  }

  async search(query: CatalogSearchQuery): Promise<CatalogSearchResult> {
    this.searches.push(query);
    const allowed = query.serverIds ? new Set(query.serverIds) : undefined;
    const rows = (this.script[query.text.toLowerCase()] ?? []).filter(([id]) => !allowed || allowed.has(id));
    return { hits: rows.slice(0, query.limit).map(hit), tookMs: 0 };
  }

  async getServers(ids: string[]): Promise<CatalogServer[]> {
    this.recordCalls += 1;
    return ids.map((id) => ({ id, name: this.names[id] ?? id, description: '', categories: [], source: 'seed', tools: [], launchOptions: [], credentials: [] }));
  }

  async getServer(id: string): Promise<CatalogServer | undefined> {
    return (await this.getServers([id]))[0];
  }

  async findSanctionedLaunch(): Promise<LaunchOption | undefined> {
    return undefined;
  }
}

function hit([id, name, score, fields, launchable]: Row): CatalogSearchHit {
  return { server: { id, name, description: name, categories: [], tools: [], credentials: [], launchable: launchable ?? true }, score, matchedFields: fields, matchedTools: [], reason: 'scripted' };
}

const plan = (planner: OfflinePlanner, message: string) => planner.plan({ message, history: [], context: {} });

describe('OfflinePlanner: a capped number of catalog searches per message', () => {
  const chatty =
    'Hey, so my boss wants a big update. First off, can you see if any asteroids swing by Earth over the next seven days. ' +
    'Then grab the latest satellite picture of the Bay Area. Also pull the Mars rover navcam pictures. And the Astronomy Picture of the Day. ' +
    'You know, real numbers only. Thanks a ton, I really appreciate it';

  it('sends at most the budget of searches however many clauses the request has', async () => {
    const free = new ScriptedCatalog({});
    await plan(new OfflinePlanner(free, [], 100), chatty);
    const capped = new ScriptedCatalog({});
    await plan(new OfflinePlanner(capped, [], 4), chatty);
    expect(free.searches.length).toBeGreaterThan(4);
    expect(capped.searches.length).toBeLessThanOrEqual(4);
  });

  it('plans the same as without a cap when the request needs fewer searches', async () => {
    const script: Record<string, Row[]> = {
      'watch my gmail for invoices and ping slack': [['g/mail', 'Gmail', 5, ['name']]],
      'watch my gmail for invoices': [['g/mail', 'Gmail', 5, ['name']]],
      'ping slack': [['s/slack', 'Slack', 5, ['name']]],
      gmail: [['g/mail', 'Gmail', 5, ['name']]],
      slack: [['s/slack', 'Slack', 5, ['name']]],
    };
    const capped = await plan(new OfflinePlanner(new ScriptedCatalog(script), [], 3), 'Watch my Gmail for invoices and ping Slack');
    const free = await plan(new OfflinePlanner(new ScriptedCatalog(script), [], 100), 'Watch my Gmail for invoices and ping Slack');
    expect(capped.selected.map((s) => s.id).sort()).toEqual(['g/mail', 's/slack']);
    expect(capped.selected).toEqual(free.selected);
  });

  it('searches implied needs and named products first, then the clauses that say the most', () => {
    const clauses: Clause[] = [
      { text: 'so once you have got those', action: null, object: null },
      { text: 'list geomagnetic storms and solar flare alerts', action: 'read', object: null },
      { text: 'post the summary to Slack', action: 'post', object: 'chat' },
      { text: 'Find the current date and time', action: 'read', object: null, implied: 'date-time' },
    ];
    expect(searchOrder(clauses, (c) => c.text.includes('Slack'))).toEqual([3, 2, 1, 0]);
    expect(contentWeight('so once you have got those')).toBeLessThan(contentWeight('list geomagnetic storms'));
  });

  it('keeps the last search of the budget for the whole request', async () => {
    const catalog = new ScriptedCatalog({});
    const memo = new SearchMemo(catalog, 2);
    await memo.search('one', 10);
    expect(await memo.search('two', 10)).toEqual([]);
    await memo.search('the whole request', 10, { last: true });
    expect(catalog.searches.map((q) => q.text)).toEqual(['one', 'the whole request']);
    expect(memo.refused).toBe(1);
  });
});

describe('CuratedNames: no search for a capitalised word that names no curated product', () => {
  it('searches the curated entries only for a word a curated name carries', async () => {
    const catalog = new ScriptedCatalog({ slack: [['s/slack', 'Slack', 5, ['name']]] }, { 's/slack': 'Slack' });
    await plan(new OfflinePlanner(catalog, ['s/slack']), 'Tell Earth and Mars fans on Slack');
    expect(catalog.searches.filter((q) => q.serverIds).map((q) => q.text)).toEqual(['Slack']);
  });

  it('reads the curated names once and again after they expire', async () => {
    const catalog = new ScriptedCatalog({}, { 'a/notion': 'Notion' });
    let now = 0;
    const names = new CuratedNames(catalog, ['a/notion'], new Map(), () => now);
    expect(await names.named(['notion'])).toEqual(['a/notion']);
    expect(await names.named(['earth'])).toEqual([]);
    expect(catalog.recordCalls).toBe(1);
    now += 11 * 60_000;
    await names.named(['notion']);
    expect(catalog.recordCalls).toBe(2);
  });

  it('knows a curated server by its starter name after an import renamed it, the dedicated entry first', async () => {
    const catalog = new ScriptedCatalog({}, { 'm/ms365': 'MS 365 MCP Server', 'g/workspace': 'Google Workspace MCP', 'g/gmail': 'Gmail' });
    const starter = new Map([
      ['m/ms365', 'Microsoft 365 (Outlook, Calendar, OneDrive, Excel)'],
      ['g/workspace', 'Google Workspace (Drive, Docs, Gmail, Calendar, Sheets)'],
    ]);
    const names = new CuratedNames(catalog, ['m/ms365', 'g/workspace', 'g/gmail'], starter);
    expect(await names.named(['outlook'])).toEqual(['m/ms365']);
    expect(await names.named(['gmail'])).toEqual(['g/gmail', 'g/workspace']);
  });
});

describe('OfflinePlanner: a server the catalog can start', () => {
  it('replaces an unlaunchable pick with a launchable one that matched nearly as well and as tellingly', () => {
    const hits = [hit(['a/gmail', 'Gmail', 10, ['name'], false]), hit(['b/gmail', 'Gmail MCP', 9.5, ['name']]), hit(['c/mail', 'Mailer', 9.8, ['tools']])];
    expect(launchableInstead(hits[0], hits).server.id).toBe('b/gmail');
  });

  it('keeps an unlaunchable pick when the launchable ones are clearly worse or matched only tools', () => {
    const hits = [hit(['a/gmail', 'Gmail', 10, ['name'], false]), hit(['b/gmail', 'Gmail MCP', 6, ['name']]), hit(['c/mail', 'Mailer', 9.5, ['tools']])];
    expect(launchableInstead(hits[0], hits).server.id).toBe('a/gmail');
  });

  it('picks a launchable look-alike over the curated entry when the catalog cannot start the curated one', async () => {
    const catalog = new ScriptedCatalog(
      {
        gmail: [['cur/gmail', 'Gmail', 8, ['name'], false]],
        'watch my gmail for invoices': [
          ['cur/gmail', 'Gmail', 6, ['name'], false],
          ['other/gmail-mcp', 'Gmail MCP', 5.8, ['name', 'tools']],
        ],
      },
      { 'cur/gmail': 'Gmail' },
    );
    const result = await plan(new OfflinePlanner(catalog, ['cur/gmail']), 'Watch my Gmail for invoices');
    expect(result.selected.map((s) => s.id)).toEqual(['other/gmail-mcp']);
  });

  it('keeps the curated entry without searching further when the catalog can start it', async () => {
    const catalog = new ScriptedCatalog({ gmail: [['cur/gmail', 'Gmail', 8, ['name']]] }, { 'cur/gmail': 'Gmail' });
    const result = await plan(new OfflinePlanner(catalog, ['cur/gmail']), 'Watch my Gmail for invoices');
    expect(result.selected.map((s) => s.id)).toEqual(['cur/gmail']);
    expect(catalog.searches.map((q) => q.text)).toEqual(['Gmail']);
  });
});

import { InMemoryCatalogSearch } from '../../src/cli/eval/in-memory-catalog.search';
import { loadStarterCatalog } from '../../src/modules/agents/ports/starter-catalog.loader';

// The starter catalog a fresh machine searches, through the catalog module's own analysis and re-ranker.
const search = new InMemoryCatalogSearch(loadStarterCatalog());
const topNames = async (text: string) => (await search.search({ text, limit: 3 })).hits.map((h) => h.server.name);

describe('starter catalog search: requests that name their products', () => {
  it('puts both products of a two-product request among the first three', async () => {
    // Before named products counted in tool evidence they stood at places 19 and 26, behind Google
    // Analytics' run_report; that server still takes one of the three places (its reports match "daily report").
    const top = await topNames('Track my stock portfolio with Yahoo Finance and write a daily report to Notion');
    expect(top).toEqual(expect.arrayContaining(['Notion', 'Yahoo Finance']));
  });

  it('finds the named database before monitoring tools that also query data', async () => {
    expect((await topNames('Query my Postgres database for last week\'s signups'))[0]).toMatch(/postgres/i);
  });

  it('puts a product\'s own server before the suite that also covers it', async () => {
    // The suite's name once listed its products ("Google Workspace (Drive, Docs, Gmail, Calendar,
    // Sheets)"), so each named product credited it as much as its own server.
    expect((await topNames('schedule a meeting on google calendar'))[0]).toBe('Google Calendar');
  });
});

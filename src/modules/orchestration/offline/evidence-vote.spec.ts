import type { CatalogSearchHit } from '../../mcp-catalog/catalog.types';
import type { Clause } from './capabilities';
import { elect, Evidence, isRunnerUp, productKey, tallyVotes } from './evidence-vote';

const clause = (text: string): Clause => ({ text, action: null, object: null });

function hit(id: string, score: number, matchedFields: string[], name = id): CatalogSearchHit {
  return { server: { id, name, description: '', categories: [], tools: [], credentials: [], launchable: true }, score, matchedFields, matchedTools: [], reason: '' };
}

const ids = (votes: Array<{ hit: CatalogSearchHit }>) => votes.map((v) => v.hit.server.id);

describe('tallyVotes', () => {
  it('ranks a server the request names above a tool-rich server that tops each clause on tool words alone', () => {
    const evidence: Evidence[] = [
      { clause: clause('check the forecast for next week'), hits: [hit('hub/many-tools', 1.0, ['tools']), hit('x/weather', 0.8, ['name', 'description'])], weight: 1 },
      { clause: clause('list the rainy days'), hits: [hit('hub/many-tools', 1.0, ['tools', 'tool_descriptions'])], weight: 1 },
    ];
    expect(ids(tallyVotes(evidence))).toEqual(['x/weather', 'hub/many-tools']);
  });

  it('ignores hits far below their own search\'s best, however high their raw score elsewhere', () => {
    const evidence: Evidence[] = [
      { clause: clause('a'), hits: [hit('a/top', 10, ['description']), hit('b/far', 5, ['name'])], weight: 1 },
      { clause: clause('b'), hits: [hit('c/top', 0.5, ['description'])], weight: 1 },
    ];
    const votes = tallyVotes(evidence);
    expect(ids(votes)).toEqual(['a/top', 'c/top']);
    expect(votes[0].tally).toBeCloseTo(votes[1].tally);
  });

  it('counts how a hit was found (vector, full-text only) as no field of its own', () => {
    const [vote] = tallyVotes([{ clause: clause('a'), hits: [hit('a/x', 1, ['tools', 'vector', 'full_text_only'])], weight: 1 }]);
    expect(vote.tally).toBeCloseTo(0.3);
  });

  it('orders equal tallies by id, so a plan never depends on search order', () => {
    const evidence: Evidence[] = [{ clause: clause('a'), hits: [hit('z/last', 1, ['description']), hit('a/first', 1, ['description'])], weight: 1 }];
    expect(ids(tallyVotes(evidence))).toEqual(['a/first', 'z/last']);
  });

  it('describes a server only the whole request ranked well by the clause whose own search ranks it highest', () => {
    const request = clause('plan the trip. check the forecast');
    const evidence: Evidence[] = [
      { clause: clause('plan the trip'), hits: [hit('a/maps', 1, ['name']), hit('w/weather', 0.2, ['tools'])], weight: 1 },
      { clause: clause('check the forecast'), hits: [hit('h/hub', 1, ['tools']), hit('w/weather', 0.5, ['description'])], weight: 1 },
      { clause: request, hits: [hit('w/weather', 1, ['name']), hit('a/maps', 0.9, ['name'])], weight: 1, whole: true },
    ];
    expect(tallyVotes(evidence).find((v) => v.hit.server.id === 'w/weather')?.clause.text).toBe('check the forecast');
  });

  it('remembers the clause where each server\'s evidence was strongest', () => {
    const evidence: Evidence[] = [
      { clause: clause('weak'), hits: [hit('o/other', 1, ['name']), hit('s/srv', 0.7, ['tools'])], weight: 1 },
      { clause: clause('strong'), hits: [hit('s/srv', 1, ['name'])], weight: 1 },
    ];
    expect(tallyVotes(evidence).find((v) => v.hit.server.id === 's/srv')?.clause.text).toBe('strong');
  });

  it('records, per search that counted a server, which servers that search ranked above it', () => {
    const evidence: Evidence[] = [
      { clause: clause('trending topics'), hits: [hit('a/trends', 1, ['name']), hit('b/github-trending', 0.8, ['name'])], weight: 1 },
      { clause: clause('across platforms'), hits: [hit('c/chart', 1, ['tools']), hit('a/trends', 0.9, ['name']), hit('b/github-trending', 0.85, ['name'])], weight: 1 },
    ];
    const runnerUp = tallyVotes(evidence).find((v) => v.hit.server.id === 'b/github-trending');
    expect(runnerUp?.outranked.map((s) => [...s])).toEqual([['a/trends'], ['c/chart', 'a/trends']]);
    expect(runnerUp && isRunnerUp(runnerUp, new Set(['a/trends']))).toBe(true);
    expect(runnerUp && isRunnerUp(runnerUp, new Set(['c/chart']))).toBe(false);
  });
});

describe('elect', () => {
  const votes = (rows: Array<[string, number, string?]>) => rows.map(([id, tally, name]) => ({ hit: hit(id, 1, ['name'], name ?? id), clause: clause('c'), tally, best: tally, outranked: [] }));

  it('keeps the servers close to the best tally, at most max', () => {
    expect(ids(elect(votes([['a', 10], ['b', 7.5], ['c', 7.2], ['d', 3]]), 2))).toEqual(['a', 'b']);
    expect(ids(elect(votes([['a', 10], ['b', 6]]), 3))).toEqual(['a']);
  });

  it('elects one server per product when the catalog lists the same product twice', () => {
    const elected = elect(votes([['x/tavily-mcp', 10, 'Tavily MCP Server'], ['y/mcp-tavily', 9, 'mcp-tavily'], ['z/fetch', 8, 'Fetch']]), 2);
    expect(ids(elected)).toEqual(['x/tavily-mcp', 'z/fetch']);
  });

  it('reduces a server name to its product words', () => {
    expect(productKey('Tavily MCP Server')).toBe(productKey('mcp-tavily'));
    expect(productKey('GoogleSheets MCP')).toBe('google sheets');
    expect(productKey('Slack')).not.toBe(productKey('Discord'));
  });
});

import { StarterCatalogFallback } from '../../agents/ports/starter-catalog.fallback';
import { OfflinePlanner } from './offline.planner';
import { splitClauses } from './capabilities';

describe('OfflinePlanner on the starter catalog', () => {
  const planner = new OfflinePlanner(new StarterCatalogFallback());
  const plan = (message: string, context = {}) => planner.plan({ message, history: [], context });

  it('splits a multi-service request into capabilities', () => {
    const clauses = splitClauses('watch my Gmail for invoices, add them to a Google Sheet and ping Slack');
    expect(clauses.map((c) => `${c.object}-${c.action}`)).toEqual(['email-read', 'sheet-append', 'chat-post']);
  });

  it('picks one server per capability and binds each step to a server and tool', async () => {
    const result = await plan('Watch my Gmail for invoices, add them to a Google Sheet and ping Slack');
    expect(result.understood).toBe(true);
    expect(result.capabilities.map((c) => c.name)).toEqual(['email-read', 'sheet-append', 'chat-post']);
    expect(result.selected.map((s) => s.id)).toEqual([
      'io.github.gongrzhe/gmail-mcp-server',
      'io.github.xing5/mcp-google-sheets',
      'github.com/modelcontextprotocol/servers/src/slack',
    ]);
    expect(result.steps.map((s) => s.order)).toEqual([1, 2, 3]);
    expect(result.steps[2].tool).toMatch(/post|message/);
    for (const s of result.selected) expect(s.score).toBeGreaterThan(0.5);
  });

  it('gives each product a clause names its own server', async () => {
    const result = await plan('Create a Linear ticket for every new Sentry error');
    expect(result.selected.map((s) => s.id).sort()).toEqual(['docker:linear', 'docker:sentry']);
    expect(result.steps).toHaveLength(2);
  });

  it('asks a clarifying question instead of guessing on a request that matches nothing', async () => {
    const result = await plan('frobnicate the quux zorbly');
    expect(result.understood).toBe(false);
    expect(result.selected).toEqual([]);
    expect(result.clarifyingQuestion).toContain('Which services');
  });

  it('refines a standing plan: replace, add and remove', async () => {
    const first = await plan('When a GitHub issue is labelled bug, post it to Slack');
    expect(first.selected.map((s) => s.name)).toEqual(['GitHub', 'Slack']);
    const swapped = await plan('use Discord instead of Slack', { plan: first });
    expect(swapped.selected.map((s) => s.id)).toEqual(['github.com/github/github-mcp-server', 'io.github.saseq/discord-mcp']);
    expect(swapped.steps.every((s) => s.server !== 'github.com/modelcontextprotocol/servers/src/slack')).toBe(true);
    const added = await plan('also create a Linear ticket', { plan: swapped });
    expect(added.selected.map((s) => s.id)).toContain('docker:linear');
    expect(added.steps.map((s) => s.order)).toEqual([1, 2, 3]);
    const removed = await plan('drop Discord', { plan: added });
    expect(removed.selected.map((s) => s.id)).not.toContain('io.github.saseq/discord-mcp');
    const unchanged = await plan('here are my tokens', { plan: removed });
    expect(unchanged).toEqual(removed);
  });
});

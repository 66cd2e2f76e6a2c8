import { searchReason, toHitServer, toSearchHit, toSearchResponse } from './catalog-search.mapper';
import type { CatalogServer } from './catalog.types';
import type { RankedServer } from './search/reranker';

const server: CatalogServer = {
  id: 'github.com/acme/mail',
  name: 'Acme Mail',
  description: 'Send and read mail',
  categories: ['email'],
  source: 'test',
  tools: [
    { name: 'send_email', description: 'Send an email', inputSchema: { type: 'object' } },
    { name: 'read_email', description: 'Read an email' },
  ],
  launchOptions: [{ transport: 'stdio', command: 'npx', args: ['acme-mail'], envTemplate: { ACME_TOKEN: '' } }],
  credentials: [
    { serverId: 'github.com/acme/mail', key: 'ACME_TOKEN', kind: 'token', description: 'API token', required: true, secret: true, format: 'string', steps: ['Open settings'] },
  ],
};

const ranked: RankedServer = {
  id: server.id,
  score: 12.345678,
  matchedFields: ['toolName', 'description'],
  matchedTools: [{ name: 'send_email', score: 3, terms: ['send', 'email'] }, { name: 'gone_tool', score: 1, terms: ['x'] }],
  matchedTerms: ['send', 'email'],
};

describe('search result mapping', () => {
  it('maps a ranked server to a hit with API field names, matched tools with descriptions and a reason', () => {
    const hit = toSearchHit(ranked, toHitServer(server), { vector: true, fullTextOnly: false });
    expect(hit.server).toEqual({
      id: server.id, name: 'Acme Mail', description: 'Send and read mail', categories: ['email'],
      tools: [{ name: 'send_email', description: 'Send an email' }, { name: 'read_email', description: 'Read an email' }],
      credentials: [{ key: 'ACME_TOKEN', required: true, secret: true }],
      launchable: true,
    });
    expect(hit.score).toBe(12.3457);
    expect(hit.matchedFields).toEqual(['tools', 'description', 'vector']);
    expect(hit.matchedTools).toEqual([{ name: 'send_email', description: 'Send an email' }]);
    expect(hit.reason).toBe('Matches the request in its tool names and description, through the tool "send_email" on "send", "email" and is close in meaning.');
  });

  it('says when the answer came from full text only', () => {
    const hit = toSearchHit(ranked, toHitServer(server), { vector: false, fullTextOnly: true });
    expect(hit.matchedFields).toEqual(['tools', 'description', 'full_text_only']);
  });

  it('explains a vector-only match without pretending words matched', () => {
    expect(searchReason(['vector'], [], [], { vector: true, fullTextOnly: false })).toMatch(/close in meaning/i);
  });

  it('renders the contract body in snake_case without secrets or instructions', () => {
    const body = toSearchResponse({ hits: [toSearchHit(ranked, toHitServer(server), { vector: false, fullTextOnly: false })], tookMs: 4.2 });
    expect(body).toEqual({
      results: [{
        id: server.id, name: 'Acme Mail', description: 'Send and read mail', score: 12.3457,
        tools: [{ name: 'send_email', description: 'Send an email' }, { name: 'read_email', description: 'Read an email' }],
        credentials: [{ key: 'ACME_TOKEN', required: true, secret: true }],
        matched_tools: [{ name: 'send_email', description: 'Send an email' }],
        matched_fields: ['tools', 'description'],
        reason: expect.any(String),
      }],
      took_ms: 4.2,
    });
  });
});

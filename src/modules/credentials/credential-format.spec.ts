import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CredentialRequirement } from '../mcp-catalog/catalog.types';
import { formatProblem, redactSecrets } from './credential-format';

type Formats = Record<string, { formats?: Record<string, { pattern: string; hint?: string }> }>;
const credinfo = (JSON.parse(readFileSync(join(__dirname, '../../../config/credinfo.json'), 'utf8')) as { credential_instructions: Formats }).credential_instructions;

/** A requirement carrying the starter catalog's own rule for server/key: the rules live in data, not here. */
function fromCatalog(serverId: string, key: string): CredentialRequirement {
  const format = credinfo[serverId]?.formats?.[key];
  if (!format) throw new Error(`no format for ${serverId} ${key}`);
  return { serverId, key, kind: 'token', description: '', required: true, secret: true, format: 'string', steps: [], pattern: format.pattern, patternHint: format.hint };
}

describe('format rules from the catalog', () => {
  it.each([
    ['github.com/github/github-mcp-server', 'GITHUB_PERSONAL_ACCESS_TOKEN', `ghp_${'a'.repeat(36)}`, 'xoxb-1234567890-abcdefghijkl'],
    ['github.com/github/github-mcp-server', 'GITHUB_PERSONAL_ACCESS_TOKEN', `github_pat_${'B'.repeat(60)}`, `ghp_short`],
    ['github.com/modelcontextprotocol/servers/src/slack', 'SLACK_BOT_TOKEN', 'xoxb-1234567890-abcdefghijklmnop', 'xoxp-1234567890-abcdefghijklmnop'],
    ['io.github.stripe/agent-toolkit', 'STRIPE_SECRET_KEY', `sk_live_${'x'.repeat(24)}`, `pk_live_${'x'.repeat(24)}`],
    ['io.github.stripe/agent-toolkit', 'STRIPE_SECRET_KEY', `rk_test_${'x'.repeat(24)}`, `sk-${'x'.repeat(24)}`],
    ['npm:@notionhq/notion-mcp-server', 'NOTION_TOKEN', `ntn_${'n'.repeat(40)}`, `notion_${'n'.repeat(40)}`],
    ['docker:sentry', 'OPENAI_API_KEY', `sk-${'o'.repeat(40)}`, `sk_${'o'.repeat(40)}`],
  ])('%s %s: accepts a well-formed value and names the hint for a wrong one', (serverId, key, good, bad) => {
    const requirement = fromCatalog(serverId, key);
    expect(formatProblem(requirement, good)).toBeUndefined();
    const problem = formatProblem(requirement, bad);
    expect(problem).toContain(requirement.patternHint ?? 'expected format');
    expect(problem).not.toContain(bad);
  });

  it('accepts anything single-line where the catalog declares no format, and refuses empty or multi-line values', () => {
    const free: CredentialRequirement = { serverId: 's', key: 'K', kind: 'setting', description: '', required: true, secret: false, format: 'string', steps: [] };
    expect(formatProblem(free, 'eu-west-1')).toBeUndefined();
    expect(formatProblem(free, '')).toContain('empty');
    expect(formatProblem(free, 'a\nb')).toContain('single line');
  });

  it('removes every secret from upstream error text', () => {
    expect(redactSecrets('bad token tok-123456 (tok-123456)', ['tok-123456'])).toBe('bad token [redacted] ([redacted])');
  });
});

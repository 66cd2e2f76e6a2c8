import type { LaunchOption } from './catalog.types';
import { matchesLaunch } from './launch-match';

const sqlite: LaunchOption = { transport: 'stdio', command: 'uvx', args: ['mcp-server-sqlite', '--db-path', '{SQLITE_DB_PATH}'], envTemplate: {} };
const supabase: LaunchOption = { transport: 'stdio', command: 'npx', args: ['-y', '@supabase/mcp', '--project-ref={REF}'], envTemplate: {} };

describe('matchesLaunch', () => {
  it('accepts the exact command line with a placeholder substituted', () => {
    expect(matchesLaunch(sqlite, 'uvx', ['mcp-server-sqlite', '--db-path', '/data/app.db'])).toBe(true);
    expect(matchesLaunch(supabase, 'npx', ['-y', '@supabase/mcp', '--project-ref=abc123'])).toBe(true);
  });

  it('accepts the template itself and refuses another command, package, extra args or a changed literal around a placeholder', () => {
    expect(matchesLaunch(sqlite, 'uvx', ['mcp-server-sqlite', '--db-path', '{SQLITE_DB_PATH}'])).toBe(true);
    expect(matchesLaunch(sqlite, 'bash', ['mcp-server-sqlite', '--db-path', '/x'])).toBe(false);
    expect(matchesLaunch(sqlite, 'uvx', ['evil-package', '--db-path', '/x'])).toBe(false);
    expect(matchesLaunch(sqlite, 'uvx', ['mcp-server-sqlite', '--db-path', '/x', '--exec'])).toBe(false);
    expect(matchesLaunch(supabase, 'npx', ['-y', '@supabase/mcp', '--other=abc'])).toBe(false);
    expect(matchesLaunch(supabase, 'npx', ['-y', '@supabase/mcp', '--project-ref='])).toBe(false);
  });

  it('never sanctions a remote option as a command', () => {
    expect(matchesLaunch({ transport: 'sse', url: 'https://x', headers: {}, envTemplate: {} }, 'npx', [])).toBe(false);
  });
});

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readCatalogInput } from '../../src/modules/mcp-catalog/importers/catalog-file.reader';
import { parseSeedCatalog } from '../../src/modules/mcp-catalog/importers/seed-catalog.parser';
import { starterCatalogDir } from '../../src/modules/mcp-catalog/starter-catalog';

const root = resolve(__dirname, '..', '..');
const script = join(root, 'config', 'check-starter-catalog.mjs');

function runCheck(dir?: string): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [script, ...(dir ? [dir] : [])], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout };
}

describe('starter catalog (config/)', () => {
  it('passes every check of config/check-starter-catalog.mjs', () => {
    const { status, stdout } = runCheck();
    const failures = stdout.split('\n').filter((line) => line.startsWith('FAIL'));
    expect(failures).toEqual([]);
    expect(stdout).toMatch(/\d+ passed, 0 failed/);
    expect(status).toBe(0);
  });

  it('fails the check when a credential loses its instructions (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'starter-check-'));
    try {
      cpSync(join(root, 'config'), dir, { recursive: true });
      const credinfo = JSON.parse(readFileSync(join(dir, 'credinfo.json'), 'utf8'));
      const [id, entry] = Object.entries<{ instructions: Record<string, string[]> }>(credinfo.credential_instructions).find(([, e]) => Object.keys(e.instructions ?? {}).length > 0)!;
      const key = Object.keys(entry.instructions)[0];
      entry.instructions[key] = ['only one step'];
      writeFileSync(join(dir, 'credinfo.json'), JSON.stringify(credinfo));
      const { status, stdout } = runCheck(dir);
      expect(status).toBe(1);
      expect(stdout).toContain(`credinfo.json ${id}: ${key} needs 3-7 instruction steps (has 1)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses into catalog records with nothing skipped, and every key has steps', () => {
    const input = readCatalogInput(starterCatalogDir());
    if (input.kind !== 'seed') throw new Error('starter catalog should be a seed directory');
    const parsed = parseSeedCatalog(input.docs, 'starter');
    expect(parsed.skipped).toEqual([]);
    expect(parsed.records.length).toBeGreaterThanOrEqual(50);
    const withoutSteps = parsed.records.flatMap((s) => s.credentials.filter((c) => c.steps.length < 3).map((c) => `${s.id}::${c.key}`));
    expect(withoutSteps).toEqual([]);
  });
});

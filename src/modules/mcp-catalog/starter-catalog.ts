import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CredentialRequirement } from './catalog.types';
import { readCatalogInput } from './importers/catalog-file.reader';
import { parseSeedCatalog } from './importers/seed-catalog.parser';

export const STARTER_SOURCE = 'starter';

/** config/ at the project root, found from both src/modules/mcp-catalog (tests) and dist/modules/mcp-catalog. */
export function starterCatalogDir(): string {
  return resolve(__dirname, '..', '..', '..', 'config');
}

export type CredentialGuidance = Pick<CredentialRequirement, 'description' | 'steps' | 'pattern' | 'patternHint' | 'fileType' | 'fileShape'>;

/**
 * The starter catalog's curated guidance per credential key name, read once from the files. A key
 * has one meaning across servers (SLACK_BOT_TOKEN is a Slack bot token wherever it appears), so
 * servers from big imports that need the same key can show the same instructions and format check.
 */
export class StarterGuidance {
  private byKey?: Map<string, CredentialGuidance>;

  constructor(private readonly dir = starterCatalogDir()) {}

  get(key: string): CredentialGuidance | undefined {
    this.byKey ??= this.load();
    return this.byKey.get(key);
  }

  private load(): Map<string, CredentialGuidance> {
    const byKey = new Map<string, CredentialGuidance>();
    if (!existsSync(this.dir)) return byKey;
    const input = readCatalogInput(this.dir);
    if (input.kind !== 'seed') return byKey;
    for (const server of parseSeedCatalog(input.docs, STARTER_SOURCE).records) {
      for (const c of server.credentials) {
        if (byKey.has(c.key) || c.steps.length === 0) continue;
        byKey.set(c.key, {
          description: c.description,
          steps: c.steps,
          ...(c.pattern ? { pattern: c.pattern } : {}),
          ...(c.patternHint ? { patternHint: c.patternHint } : {}),
          ...(c.fileType ? { fileType: c.fileType } : {}),
          ...(c.fileShape ? { fileShape: c.fileShape } : {}),
        });
      }
    }
    return byKey;
  }
}

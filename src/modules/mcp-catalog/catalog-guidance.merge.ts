import type { CatalogServer, CredentialRequirement } from './catalog.types';
import type { StoredState } from './catalog.repository';

/**
 * The merge rule that keeps curated guidance (the starter catalog's per-key instructions, value
 * formats and validation tool) when a bigger, plainer source imports the same server id:
 * - a credential key arriving with no steps keeps the stored steps for that key;
 * - a key arriving with no pattern keeps the stored pattern and hint;
 * - a record arriving with no validation tool keeps the stored one if the tool is still listed
 *   (or the incoming record lists no tools at all);
 * - a record arriving with no launch option keeps the stored ones: big merged catalogs often lack a
 *   launch command the starter catalog knows, and losing it would make a curated server unlaunchable.
 * Everything else (name, description, tools, launch options it does give, which keys exist) follows
 * the incoming record. The merge is applied before hashing, so re-importing the same plain source is unchanged.
 */
export function mergeCuratedGuidance(incoming: CatalogServer, stored: StoredState | undefined): CatalogServer {
  if (!stored) return incoming;
  const storedByKey = new Map(stored.credentials.map((c) => [c.key, c]));
  const credentials = incoming.credentials.map((credential) => mergeCredential(credential, storedByKey.get(credential.key)));
  const keepTool =
    !incoming.validationTool &&
    stored.validationTool &&
    (incoming.tools.length === 0 || incoming.tools.some((tool) => tool.name === stored.validationTool?.name));
  const launchOptions = incoming.launchOptions.length === 0 && stored.launchOptions.length > 0 ? stored.launchOptions : incoming.launchOptions;
  return { ...incoming, credentials, launchOptions, ...(keepTool ? { validationTool: stored.validationTool } : {}) };
}

function mergeCredential(incoming: CredentialRequirement, stored: CredentialRequirement | undefined): CredentialRequirement {
  if (!stored) return incoming;
  const merged = { ...incoming };
  if (merged.steps.length === 0 && stored.steps.length > 0) merged.steps = stored.steps;
  if (!merged.pattern && stored.pattern) {
    merged.pattern = stored.pattern;
    if (stored.patternHint) merged.patternHint = stored.patternHint;
  }
  return merged;
}

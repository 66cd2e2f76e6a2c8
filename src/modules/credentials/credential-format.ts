import type { CredentialRequirement } from '../mcp-catalog/catalog.types';

export const MAX_VALUE_LENGTH = 16_384;

/**
 * Checks a value against the catalog's declared format. The reason is shown to the user, so it is
 * built from the requirement (its hint), never from the value.
 */
export function formatProblem(requirement: CredentialRequirement, value: string): string | undefined {
  if (value.length === 0) return `${requirement.key} is empty`;
  if (value.length > MAX_VALUE_LENGTH) return `${requirement.key} is longer than ${MAX_VALUE_LENGTH} characters`;
  if (/[\r\n\0]/.test(value)) return `${requirement.key} must be a single line`;
  if (!requirement.pattern) return undefined;
  let pattern: RegExp;
  try {
    pattern = new RegExp(requirement.pattern);
  } catch {
    return undefined; // a broken catalog pattern must not lock users out
  }
  if (pattern.test(value)) return undefined;
  return requirement.patternHint ? `${requirement.key} does not look right: ${requirement.patternHint}` : `${requirement.key} does not match the expected format`;
}

/** Replaces every occurrence of a secret in text (an upstream error message) before it is stored or shown. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  return result.slice(0, 500);
}

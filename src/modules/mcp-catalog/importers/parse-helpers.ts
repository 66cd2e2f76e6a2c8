/** Small type guards and normalisers shared by the importers' parsers. */

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

export const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

/** Thrown inside a parser for one bad record; the parser turns it into a skipped line. */
export class RecordError extends Error {}

export function optionalString(record: Json, field: string, where = ''): string | undefined {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new RecordError(`${where}${field} must be a string`);
  return value;
}

export function stringArray(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new RecordError(`${what} must be a list of strings`);
  return value;
}

export function stringMap(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new RecordError(`${what} must be an object`);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new RecordError(`${what}.${key} must be a string`);
    out[key] = v;
  }
  return out;
}

/** A stable id for a server that has only a name: lowercase words joined by hyphens. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The `{KEY}` placeholders a launch template uses, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/**
 * Why a raw record cannot be stored as text, if it cannot: non-UTF-8 bytes decode to U+FFFD (rejected
 * rather than stored garbled), and PostgreSQL text cannot hold NUL characters at all.
 */
export function unstorableText(value: unknown): string | undefined {
  const json = JSON.stringify(value) ?? '';
  if (json.includes('\uFFFD')) return 'contains bytes that are not valid UTF-8';
  if (json.includes('\\u0000')) return 'contains a NUL character, which text cannot hold';
  return undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

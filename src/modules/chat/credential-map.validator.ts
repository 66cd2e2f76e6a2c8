import { ValidateBy, ValidationOptions } from 'class-validator';

const MAX_SERVERS = 20;
const MAX_KEYS = 30;
const MAX_VALUE = 20_000;

/** `{ "<server>": { "<KEY>": "value" } }` with bounded sizes; anything else is malformed (400). */
export function isCredentialMap(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const servers = Object.entries(value);
  if (servers.length > MAX_SERVERS) return false;
  return servers.every(([server, keys]) => {
    if (!server || server.length > 300 || !isPlainObject(keys)) return false;
    const entries = Object.entries(keys);
    return entries.length > 0 && entries.length <= MAX_KEYS && entries.every(([k, v]) => /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(k) && typeof v === 'string' && v.length > 0 && v.length <= MAX_VALUE);
  });
}

export function IsCredentialMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCredentialMap',
      validator: {
        validate: isCredentialMap,
        defaultMessage: () => `$property must map server ids to objects of KEY: "non-empty string" (at most ${MAX_SERVERS} servers, ${MAX_KEYS} keys each)`,
      },
    },
    options,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

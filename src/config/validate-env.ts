import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { expectationOf, isSensitive } from './env-metadata';

export type EnvSectionClass = new () => object;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Validates the raw environment into one typed instance per section, or throws naming every bad variable. */
export function validateEnvironment(
  sections: readonly EnvSectionClass[],
  raw: Record<string, string | undefined>,
): Map<EnvSectionClass, object> {
  const problems: string[] = [];
  const result = new Map<EnvSectionClass, object>();
  for (const section of sections) {
    const known = Object.keys(new section());
    const input: Record<string, unknown> = {};
    // An empty value counts as unset, so `PORT=` in a .env file falls back to the default.
    for (const name of known) if (raw[name] !== undefined && raw[name]?.trim() !== '') input[name] = raw[name];
    const instance = plainToInstance(section, input, { exposeDefaultValues: true });
    const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: true });
    for (const error of errors) problems.push(describe(error, raw));
    result.set(section, instance);
  }
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return result;
}

function describe(error: ValidationError, raw: Record<string, string | undefined>): string {
  const name = error.property;
  const expected = expectationOf(error.target ?? {}, name) ?? Object.values(error.constraints ?? {}).join('; ');
  const shown = isSensitive(error.target ?? {}, name) ? '(value hidden)' : JSON.stringify(raw[name] ?? '');
  return `${name} must be ${expected}; got ${shown}`;
}

import type { CatalogServer, CredentialRequirement } from '../catalog.types';
import { isNonEmptyString, isObject, Json, RecordError, stringArray } from './parse-helpers';

type Guidance = Pick<CredentialRequirement, 'steps' | 'pattern' | 'patternHint'>;

/**
 * One credinfo.json entry as credential requirements: required_tokens are required secrets,
 * optional_tokens optional secrets, settings non-secret values, files secret file uploads. Our
 * extensions (`instructions`, `formats`, `validation_tool`) add per-key steps, value patterns and the
 * credential check; without per-key instructions a key gets the entry's general `steps`.
 */
export function parseSeedCredentials(
  serverId: string,
  entry: unknown,
): { credentials: CredentialRequirement[]; validationTool?: CatalogServer['validationTool'] } {
  if (!isObject(entry)) throw new RecordError('credinfo.json entry must be an object');
  const generalSteps = stringArray(entry.steps, 'credinfo.json steps');
  const instructions = objectField(entry, 'instructions');
  const formats = objectField(entry, 'formats');
  const guidance = (key: string): Guidance => guidanceFor(key, instructions[key], formats[key], generalSteps);
  const credentials: CredentialRequirement[] = [];
  const add = (requirement: Omit<CredentialRequirement, 'serverId' | keyof Guidance>): void => {
    if (credentials.some((c) => c.key === requirement.key)) throw new RecordError(`credinfo.json declares ${requirement.key} twice`);
    credentials.push({ serverId, ...requirement, ...guidance(requirement.key) });
  };
  for (const [key, description] of Object.entries(objectField(entry, 'required_tokens'))) {
    add({ key, kind: 'token', description: describe(description, key), required: true, secret: true, format: 'string' });
  }
  for (const [key, description] of Object.entries(objectField(entry, 'optional_tokens'))) {
    add({ key, kind: 'token', description: describe(description, key), required: false, secret: true, format: 'string' });
  }
  for (const [key, setting] of Object.entries(objectField(entry, 'settings'))) {
    const { description, required } = settingOf(setting, key);
    add({ key, kind: 'setting', description, required, secret: false, format: 'string' });
  }
  for (const [key, file] of Object.entries(objectField(entry, 'files'))) add(fileRequirement(key, file));
  return { credentials, validationTool: validationToolOf(entry.validation_tool) };
}

function objectField(entry: Json, field: string): Json {
  const value = entry[field];
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new RecordError(`credinfo.json ${field} must be an object`);
  return value;
}

function describe(value: unknown, key: string): string {
  if (typeof value !== 'string') throw new RecordError(`credinfo.json ${key} description must be a string`);
  return value;
}

function settingOf(value: unknown, key: string): { description: string; required: boolean } {
  if (typeof value === 'string') return { description: value, required: false };
  if (!isObject(value)) throw new RecordError(`credinfo.json setting ${key} must be an object`);
  if (value.required !== undefined && typeof value.required !== 'boolean') throw new RecordError(`credinfo.json setting ${key}.required must be a boolean`);
  return { description: describe(value.description ?? '', key), required: value.required === true };
}

function fileRequirement(key: string, value: unknown): Omit<CredentialRequirement, 'serverId' | keyof Guidance> {
  if (!isObject(value)) throw new RecordError(`credinfo.json file ${key} must be an object`);
  if (value.required !== undefined && typeof value.required !== 'boolean') throw new RecordError(`credinfo.json file ${key}.required must be a boolean`);
  const fileType = typeof value.file_type === 'string' ? value.file_type : 'json';
  const fileShape = typeof value.shape === 'string' ? value.shape : 'other';
  // A file such as an OAuth client or a service-account key carries secrets, so it is stored as one.
  return { key, kind: 'file', description: describe(value.description ?? '', key), required: value.required !== false, secret: true, format: 'file', fileType, fileShape };
}

function guidanceFor(key: string, steps: unknown, format: unknown, generalSteps: string[]): Guidance {
  const own = steps === undefined ? undefined : stringArray(steps, `credinfo.json instructions.${key}`);
  const guidance: Guidance = { steps: own && own.length > 0 ? own : generalSteps };
  if (format !== undefined) {
    if (!isObject(format) || !isNonEmptyString(format.pattern)) throw new RecordError(`credinfo.json formats.${key} needs a pattern`);
    try {
      new RegExp(format.pattern);
    } catch {
      throw new RecordError(`credinfo.json formats.${key} pattern does not compile`);
    }
    guidance.pattern = format.pattern;
    if (typeof format.hint === 'string') guidance.patternHint = format.hint;
  }
  return guidance;
}

function validationToolOf(value: unknown): CatalogServer['validationTool'] {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value) || !isNonEmptyString(value.name)) throw new RecordError('credinfo.json validation_tool needs a name');
  const args = value.arguments ?? {};
  if (!isObject(args)) throw new RecordError('credinfo.json validation_tool.arguments must be an object');
  return { name: value.name, arguments: args };
}

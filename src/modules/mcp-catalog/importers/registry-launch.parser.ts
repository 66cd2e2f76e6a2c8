import type { CredentialRequirement, LaunchOption, RemoteLaunchOption, StdioLaunchOption } from '../catalog.types';
import { isNonEmptyString, isObject, Json, placeholdersIn, RecordError } from './parse-helpers';

type Requirement = Omit<CredentialRequirement, 'serverId'>;

export interface RegistryLaunch {
  options: LaunchOption[];
  credentials: Requirement[];
}

/** How each package registry's packages are started locally. Other registry types are not launchable here. */
const RUNNERS: Record<string, (identifier: string, version?: string) => { command: string; args: string[] }> = {
  npm: (identifier, version) => ({ command: 'npx', args: ['-y', version ? `${identifier}@${version}` : identifier] }),
  pypi: (identifier) => ({ command: 'uvx', args: [identifier] }),
  oci: (identifier) => ({ command: 'docker', args: ['run', '-i', '--rm', identifier] }),
};

/** A registry `packages[]` entry as a stdio launch option, with the credentials its variables need. */
export function parsePackage(pkg: unknown, index: number): RegistryLaunch {
  if (!isObject(pkg) || !isNonEmptyString(pkg.registryType) || !isNonEmptyString(pkg.identifier)) {
    throw new RecordError(`packages[${index}] needs registryType and identifier`);
  }
  const runner = RUNNERS[pkg.registryType];
  const transport = isObject(pkg.transport) ? pkg.transport.type : 'stdio';
  if (!runner || transport !== 'stdio') return { options: [], credentials: [] };
  const { command, args } = runner(pkg.identifier, typeof pkg.version === 'string' ? pkg.version : undefined);
  const envTemplate: Record<string, string> = {};
  const credentials: Requirement[] = [];
  for (const variable of listOf(pkg.environmentVariables, `packages[${index}].environmentVariables`)) {
    if (!isObject(variable) || !isNonEmptyString(variable.name)) throw new RecordError(`packages[${index}] has an environment variable without a name`);
    envTemplate[variable.name] = typeof variable.default === 'string' ? variable.default : '';
    credentials.push(requirementOf(variable.name, variable));
  }
  const option: StdioLaunchOption = {
    transport: 'stdio',
    command,
    args: [...args, ...packageArguments(pkg.packageArguments)],
    envTemplate,
    packageRegistry: pkg.registryType,
    packageIdentifier: pkg.identifier,
  };
  return { options: [option], credentials };
}

/** A registry `remotes[]` entry as a remote launch option; headers without a fixed value become `{KEY}` placeholders. */
export function parseRemote(remote: unknown, index: number): RegistryLaunch {
  if (!isObject(remote) || !isNonEmptyString(remote.url)) throw new RecordError(`remotes[${index}] needs a url`);
  if (remote.type !== 'streamable-http' && remote.type !== 'sse') return { options: [], credentials: [] };
  const credentials: Requirement[] = [];
  const headers: Record<string, string> = {};
  for (const header of listOf(remote.headers, `remotes[${index}].headers`)) {
    if (!isObject(header) || !isNonEmptyString(header.name)) throw new RecordError(`remotes[${index}] has a header without a name`);
    const template = isNonEmptyString(header.value) ? header.value : `{${keyFor(header.name)}}`;
    headers[header.name] = upperPlaceholders(template);
    const variables = isObject(header.variables) ? header.variables : {};
    for (const name of placeholdersIn(template)) {
      const variable = isObject(variables[name]) ? variables[name] : header;
      credentials.push(requirementOf(keyFor(name), variable));
    }
  }
  const url = upperPlaceholders(remote.url);
  const urlVariables = isObject(remote.variables) ? remote.variables : {};
  for (const name of placeholdersIn(remote.url)) credentials.push(requirementOf(keyFor(name), isObject(urlVariables[name]) ? urlVariables[name] : {}));
  const option: RemoteLaunchOption = { transport: remote.type, url, headers, envTemplate: {} };
  return { options: [option], credentials };
}

function requirementOf(key: string, input: Json): Requirement {
  const secret = input.isSecret === true;
  const file = input.format === 'filepath';
  return {
    key,
    kind: file ? 'file' : secret ? 'token' : 'setting',
    description: typeof input.description === 'string' ? input.description : '',
    required: input.isRequired === true,
    secret: secret || file,
    format: file ? 'file' : 'string',
    steps: [],
  };
}

/** Fixed argument values only: an argument the user must choose has no safe default to launch with. */
function packageArguments(value: unknown): string[] {
  const args: string[] = [];
  for (const arg of listOf(value, 'packageArguments')) {
    if (!isObject(arg) || typeof arg.value !== 'string') continue;
    if (arg.type === 'named' && isNonEmptyString(arg.name)) args.push(arg.name);
    args.push(arg.value);
  }
  return args;
}

function listOf(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RecordError(`${what} must be a list`);
  return value;
}

/** Credential keys are environment-variable style: `X-API-Key` → `X_API_KEY`. */
export function keyFor(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
}

function upperPlaceholders(template: string): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => `{${keyFor(name)}}`);
}

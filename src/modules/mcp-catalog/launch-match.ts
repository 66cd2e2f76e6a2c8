import type { LaunchOption } from './catalog.types';

const PLACEHOLDER = /\{[A-Za-z_][A-Za-z0-9_]*\}/g;
const HAS_PLACEHOLDER = /\{[A-Za-z_][A-Za-z0-9_]*\}/;

/**
 * Whether a concrete command line is the one a launch option sanctions. Arguments must match one to
 * one; a `{KEY}` placeholder in the catalog's argument stands for whatever value was substituted
 * for it (a path, a project ref), so it matches any text, while the text around it must match exactly.
 */
export function matchesLaunch(option: LaunchOption, command: string, args: string[]): boolean {
  if (option.transport !== 'stdio' || option.command !== command || option.args.length !== args.length) return false;
  return option.args.every((template, i) => argumentMatches(template, args[i]));
}

function argumentMatches(template: string, actual: string): boolean {
  if (!HAS_PLACEHOLDER.test(template)) return template === actual;
  const pattern = template
    .split(PLACEHOLDER)
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]+');
  return new RegExp(`^${pattern}$`).test(actual);
}

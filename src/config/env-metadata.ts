import 'reflect-metadata';

const SENSITIVE_KEY = Symbol('env:sensitive');
const DESCRIPTION_KEY = Symbol('env:description');

/** Marks a variable whose value must never be echoed in errors or logs. */
export function Sensitive(): PropertyDecorator {
  return (target, property) => Reflect.defineMetadata(SENSITIVE_KEY, true, target, property);
}

/** Human description of what a variable expects; used in start-up errors. */
export function Expects(description: string): PropertyDecorator {
  return (target, property) => Reflect.defineMetadata(DESCRIPTION_KEY, description, target, property);
}

export function isSensitive(target: object, property: string): boolean {
  return Reflect.getMetadata(SENSITIVE_KEY, target, property) === true;
}

export function expectationOf(target: object, property: string): string | undefined {
  return Reflect.getMetadata(DESCRIPTION_KEY, target, property) as string | undefined;
}

import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC } from '../../src/common/decorators/public.decorator';
import { ALLOWED_PRINCIPALS, REQUIRED_SCOPES } from '../../src/common/decorators/scopes.decorator';

export interface RouteInfo {
  method: string;
  /** Express-style pattern, e.g. `/api/sessions/:id/messages`. */
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  /** undefined when the route declares no scopes. */
  scopes?: string[];
  allowedPrincipals?: string[];
  /** Route parameter names in order of appearance. */
  params: string[];
}

function join(...parts: string[]): string {
  const path = parts.flatMap((p) => p.split('/')).filter(Boolean).join('/');
  return `/${path}`;
}

function asList(value: unknown): string[] {
  if (value === undefined) return [''];
  return Array.isArray(value) ? (value as string[]) : [value as string];
}

function metadata<T>(key: string, handler: object, controller: object): T | undefined {
  return (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
}

/**
 * Every HTTP route the running application registered, read from Nest's module container (the same
 * metadata the router and the auth guard use), with its access declaration.
 */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!controller?.prototype) continue;
      for (const base of asList(Reflect.getMetadata(PATH_METADATA, controller))) {
        for (const name of scanner.getAllMethodNames(controller.prototype)) {
          const handler = (controller.prototype as Record<string, object>)[name];
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
          if (method === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
          for (const sub of asList(Reflect.getMetadata(PATH_METADATA, handler))) {
            const path = join(base, sub);
            routes.push({
              method: RequestMethod[method],
              path,
              controller: controller.name,
              handler: name,
              isPublic: metadata<boolean>(IS_PUBLIC, handler, controller) === true,
              scopes: metadata<string[]>(REQUIRED_SCOPES, handler, controller),
              allowedPrincipals: metadata<string[]>(ALLOWED_PRINCIPALS, handler, controller),
              params: [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]),
            });
          }
        }
      }
    }
  }
  return routes;
}

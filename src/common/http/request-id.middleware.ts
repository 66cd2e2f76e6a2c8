import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { runWithRequestId } from '../logging/request-context';

// A caller's id is honoured only when it is a short, plain token, so it cannot inject into logs.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFromHeader(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}

/** Gives every request an id, echoes it in `x-request-id`, and makes it the log context. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdFromHeader(req.headers['x-request-id']);
  (req as Request & { id: string }).id = id;
  res.setHeader('x-request-id', id);
  runWithRequestId(id, next);
}

export function requestIdOf(req: Request): string {
  return (req as Request & { id?: string }).id ?? requestIdFromHeader(undefined);
}

import { Injectable } from '@nestjs/common';
import { isObject } from './importers/parse-helpers';

export interface RegistryPage {
  entries: unknown[];
  nextCursor?: string;
}

export interface RegistryPageRequest {
  baseUrl: string;
  cursor?: string;
  limit: number;
  updatedSince?: string;
}

/** An HTTP failure worth retrying (network, 429, 5xx) or not (other 4xx, a malformed body). */
export class RegistryRequestError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 30_000;

/** Reads one page of the official MCP registry API (`GET {base}/v0.1/servers`). */
@Injectable()
export class RegistryClient {
  async fetchPage(request: RegistryPageRequest): Promise<RegistryPage> {
    const url = new URL(`${request.baseUrl.replace(/\/+$/, '')}/v0.1/servers`);
    url.searchParams.set('limit', String(request.limit));
    if (request.cursor) url.searchParams.set('cursor', request.cursor);
    if (request.updatedSince) url.searchParams.set('updated_since', request.updatedSince);
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      throw new RegistryRequestError(`cannot reach ${url.origin}: ${(error as Error).message}`, true);
    }
    if (!response.ok) {
      throw new RegistryRequestError(`HTTP ${response.status} from ${url.origin}${url.pathname}`, response.status === 429 || response.status >= 500);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!isObject(body) || !Array.isArray(body.servers)) throw new RegistryRequestError(`${url.origin} returned a body without a "servers" list`, false);
    const metadata = isObject(body.metadata) ? body.metadata : {};
    const nextCursor = typeof metadata.nextCursor === 'string' && metadata.nextCursor ? metadata.nextCursor : undefined;
    return { entries: body.servers, ...(nextCursor ? { nextCursor } : {}) };
  }
}

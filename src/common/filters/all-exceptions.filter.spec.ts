import { ArgumentsHost, BadRequestException, Logger, NotFoundException } from '@nestjs/common';
import { HttpDomainError, NotFoundError } from '../errors/domain-error';
import { AllExceptionsFilter } from './all-exceptions.filter';

function hostFor(req: Record<string, unknown>) {
  const res = { statusCode: 0, body: undefined as unknown, headersSent: false } as {
    statusCode: number;
    body: unknown;
    headersSent: boolean;
    status(code: number): typeof res;
    json(body: unknown): void;
    end(): void;
  };
  res.status = (code) => ((res.statusCode = code), res);
  res.json = (body) => void (res.body = body);
  res.end = () => undefined;
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ArgumentsHost;
  return { host, res };
}

describe('AllExceptionsFilter', () => {
  const filter = new AllExceptionsFilter();
  const req = { id: 'req-1', method: 'GET', path: '/api/x' };

  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('keeps a domain error code, status, message and details', () => {
    const { host, res } = hostFor(req);
    filter.catch(new NotFoundError('SESSION_NOT_FOUND', 'Session not found', { id: 's1' }), host);
    expect(res.statusCode).toBe(404);
    expect(res.body).toEqual({ error: { code: 'SESSION_NOT_FOUND', message: 'Session not found', details: { id: 's1' } }, request_id: 'req-1' });
  });

  it('names an unknown route', () => {
    const { host, res } = hostFor(req);
    filter.catch(new NotFoundException('Cannot GET /api/x'), host);
    expect(res.statusCode).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND', message: 'No route for GET /api/x' } });
  });

  it('gives Nest HTTP exceptions a code from their status', () => {
    const { host, res } = hostFor(req);
    filter.catch(new BadRequestException('bad thing'), host);
    expect(res.body).toMatchObject({ error: { code: 'BAD_REQUEST', message: 'bad thing' } });
  });

  it('turns anything unexpected into a bare 500 without internals', () => {
    const { host, res } = hostFor(req);
    filter.catch(new Error('connection string postgres://u:secret@db failed at /srv/app.js:12'), host);
    expect(res.statusCode).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Internal server error' }, request_id: 'req-1' });
  });

  it('does not turn a deliberate 5xx domain error into a generic one', () => {
    const { host, res } = hostFor(req);
    filter.catch(new HttpDomainError(503, 'SERVICE_UNAVAILABLE', 'database is down'), host);
    expect(res.statusCode).toBe(503);
    expect(res.body).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE', message: 'database is down' } });
  });
});

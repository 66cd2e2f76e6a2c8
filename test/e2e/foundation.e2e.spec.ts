import { Body, Controller, Get, Post } from '@nestjs/common';
import { IsInt, IsString, Max, MinLength } from 'class-validator';
import request from 'supertest';
import { Public } from '../../src/common/decorators/public.decorator';
import { DatabaseConnection } from '../../src/database/database-connection';
import { createTestApp, TestApp } from '../utils/test-app';
import { openTestDatabase } from '../utils/test-database';

class EchoDto {
  @IsString() @MinLength(2) name!: string;
  @IsInt() @Max(10) count!: number;
}

@Controller('test-only')
class ProbeController {
  @Post('echo') @Public() echo(@Body() body: EchoDto): EchoDto {
    return body;
  }
  @Get('boom') @Public() boom(): never {
    throw new Error('internal detail: /srv/secret/path.js');
  }
}

describe('foundation over HTTP', () => {
  let db: DatabaseConnection;
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    db = await openTestDatabase('embedded');
    t = await createTestApp({ db, env: { REQUEST_BODY_LIMIT_BYTES: '2048' }, controllers: [ProbeController] });
  });
  afterAll(async () => {
    await t.close();
    await db.close();
  });

  it('reports the service and the database healthy', async () => {
    const res = await http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up', mode: 'embedded' } } });
  });

  it('serves Swagger UI and an OpenAPI document declaring bearer auth', async () => {
    const ui = await http().get('/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = await http().get('/docs-json').expect(200);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.body.paths['/health']).toBeDefined();
  });

  it('gives every response a request id and honours a well-formed one from the caller', async () => {
    const generated = await http().get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const honoured = await http().get('/nope').set('x-request-id', 'trace-abc.123');
    expect(honoured.headers['x-request-id']).toBe('trace-abc.123');
    expect(honoured.body.request_id).toBe('trace-abc.123');
    const replaced = await http().get('/health').set('x-request-id', 'bad id with spaces and <html>');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a validation failure with 400 VALIDATION_FAILED and the fields at fault', async () => {
    const res = await http().post('/test-only/echo').send({ name: 'x', count: 99, extra: true }).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['count', 'extra', 'name']);
    expect(res.body.request_id).toBe(res.headers['x-request-id']);
  });

  it('passes a valid body through, transformed', async () => {
    await http().post('/test-only/echo').send({ name: 'ok', count: 3 }).expect(201, { name: 'ok', count: 3 });
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND in the contract body', async () => {
    const res = await http().get('/api/does-not-exist').expect(404);
    expect(res.body).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'No route for GET /api/does-not-exist' }, request_id: expect.any(String) });
  });

  it('refuses an oversized body with 413 before parsing it', async () => {
    const res = await http().post('/test-only/echo').set('content-type', 'application/json').send(JSON.stringify({ name: 'x'.repeat(5000), count: 1 })).expect(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit_bytes: 2048 } });
  });

  it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await http().post('/test-only/echo').set('content-type', 'application/json').send('{"name":').expect(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
  });

  it('hides the cause of an unexpected error from the caller but logs it with the request id', async () => {
    const res = await http().get('/test-only/boom').set('x-request-id', 'boom-1').expect(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'Internal server error' }, request_id: 'boom-1' });
    const logged = t.logs.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l.request_id === 'boom-1' && l.level === 'error' && l.err);
    expect(JSON.stringify(logged)).toContain('internal detail');
  });

  it('sets helmet headers and refuses cross-origin requests by default', async () => {
    const res = await http().get('/health').set('origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('writes one structured log line per request with method, route, status and duration, redacting secrets', async () => {
    await http().get('/health?access_token=sup3rsecret').set('authorization', 'Bearer sup3rsecret').set('x-request-id', 'log-1');
    const line = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.request_id === 'log-1' && l.msg === 'request completed');
    expect(line).toMatchObject({ method: 'GET', route: '/health', status: 200 });
    expect(typeof line?.duration_ms).toBe('number');
    expect(t.logs.join('\n')).not.toContain('sup3rsecret');
  });
});

describe('health with the database down', () => {
  it('answers 503 naming the database', async () => {
    const db = await openTestDatabase('embedded');
    const t = await createTestApp({ db });
    await db.close();
    const res = await request(t.app.getHttpServer()).get('/health').expect(503);
    expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.body.error.details.error.database.status).toBe('down');
    await t.app.close().catch(() => undefined);
  });
});

import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Principal } from '../../../src/common/auth/principal';
import { CurrentPrincipal } from '../../../src/common/decorators/current-principal.decorator';
import { Scopes } from '../../../src/common/decorators/scopes.decorator';
import { TokenCliModule } from '../../../src/cli/auth/token-cli.module';
import { TokenIssueCommand } from '../../../src/cli/auth/token.command';
import { AppConfig } from '../../../src/config/app-config';
import { DatabaseConnection } from '../../../src/database/database-connection';
import { createTestApp, TestApp } from '../../utils/test-app';
import { openTestDatabase } from '../../utils/test-database';

const CHROMIUM = '/usr/bin/chromium';

@ApiTags('test')
@Controller('test-only/swagger')
class WhoAmIController {
  @Get('whoami') @Scopes('sessions') whoami(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

/** Runs `token issue` as the CLI does (its own Nest context, no database) and returns what it prints. */
async function cliToken(env: Record<string, string>, options: { sub: string; scopes?: string[]; ttl?: number }): Promise<string> {
  const moduleRef = await Test.createTestingModule({ imports: [TokenCliModule] }).overrideProvider(AppConfig).useValue(new AppConfig(env)).compile();
  const printed: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => printed.push(String(chunk)) > 0);
  try {
    await moduleRef.get(TokenIssueCommand).run([], options);
  } finally {
    write.mockRestore();
    await moduleRef.close();
  }
  return printed.join('').trim();
}

describe('token issue (CLI) in embedded mode', () => {
  let dataDir: string;
  let db: DatabaseConnection;
  let t: TestApp;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dmcp-auth-'));
    db = await openTestDatabase('embedded');
  });
  afterAll(async () => {
    await t?.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the key under DATA_DIR/auth with owner-only permissions, and the service accepts its tokens', async () => {
    const token = await cliToken({ DATA_DIR: dataDir }, { sub: 'cli-user', ttl: 900 });
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const keyFile = join(dataDir, 'auth', 'signing-key.json');
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'auth')).mode & 0o777).toBe(0o700);
    t = await createTestApp({ db, env: { DATA_DIR: dataDir }, controllers: [WhoAmIController] });
    const request = (await import('supertest')).default;
    const res = await request(t.app.getHttpServer()).get('/test-only/swagger/whoami').set('authorization', `Bearer ${token}`).expect(200);
    expect(res.body).toMatchObject({ ownerId: 'cli-user', kind: 'user' });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(900);
  });

  it('refuses unknown scopes', async () => {
    await expect(cliToken({ DATA_DIR: dataDir }, { sub: 'x', scopes: ['sessions', 'root'] })).rejects.toThrow('Unknown scope(s): root');
  });
});

const LIVE_ROW = '#operations-test-WhoAmIController_whoami .live-responses-table tbody tr.response';

/** Waits until Swagger UI shows the live response with this status code. */
async function liveStatus(page: import('playwright-core').Page, status: string): Promise<void> {
  const selector = `${LIVE_ROW} .response-col_status`;
  // A string expression: it runs in the page, where `document` exists (not in this file's Node typings).
  await page.waitForFunction(`document.querySelector(${JSON.stringify(selector)})?.textContent?.trim().startsWith(${JSON.stringify(status)}) === true`, undefined, { timeout: 15_000 });
}

const browserTest = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) process.stderr.write(`SKIPPED Swagger UI browser check: ${CHROMIUM} is not installed (CI installs it)\n`);

browserTest('Swagger UI Authorize button with a CLI token (headless Chromium)', () => {
  let dataDir: string;
  let db: DatabaseConnection;
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dmcp-swagger-'));
    db = await openTestDatabase('embedded');
    t = await createTestApp({ db, env: { DATA_DIR: dataDir }, controllers: [WhoAmIController] });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('authorizes with the token and calls a protected route from the UI', async () => {
    const token = await cliToken({ DATA_DIR: dataDir }, { sub: 'swagger-user' });
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/docs`);
      const operation = page.locator('#operations-test-WhoAmIController_whoami');
      await operation.locator('.opblock-summary').click();
      await operation.locator('.try-out__btn').click();
      await operation.locator('.execute').click();
      await liveStatus(page, '401');

      await page.locator('button.authorize').first().click();
      await page.locator('.modal-ux input[type=text], .modal-ux input[type=password]').first().fill(token);
      await page.locator('.modal-ux .auth-btn-wrapper button.authorize').click();
      await page.locator('.modal-ux button.btn-done').click();

      const sent = page.waitForRequest((req) => req.url().endsWith('/test-only/swagger/whoami'));
      await operation.locator('.execute').click();
      expect((await sent).headers().authorization).toBe(`Bearer ${token}`);
      await liveStatus(page, '200');
      expect(await page.locator(`${LIVE_ROW} .response-col_description`).innerText()).toContain('swagger-user');
    } finally {
      await browser.close();
    }
  });
});

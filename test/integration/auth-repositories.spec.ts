import { randomUUID } from 'node:crypto';
import { PrismaService } from '../../src/database/prisma.service';
import { ServiceClientsRepository } from '../../src/modules/auth/clients/service-clients.repository';
import { RefreshTokensRepository } from '../../src/modules/auth/sign-in/refresh-tokens.repository';
import { UsersRepository } from '../../src/modules/auth/sign-in/users.repository';
import { describeEachDatabase } from '../utils/test-database';

describeEachDatabase('auth repositories', (db) => {
  let prisma: PrismaService;
  let users: UsersRepository;
  let tokens: RefreshTokensRepository;
  let clients: ServiceClientsRepository;
  const later = () => new Date(Date.now() + 60_000);

  beforeAll(() => {
    prisma = new PrismaService(db());
    users = new UsersRepository(prisma);
    tokens = new RefreshTokensRepository(prisma);
    clients = new ServiceClientsRepository(prisma);
  });
  afterAll(() => prisma.$disconnect());

  it('finds the same user for the same Google subject and follows the email', async () => {
    const first = await users.upsertByGoogleSubject('g-1', 'a@example.com');
    const again = await users.upsertByGoogleSubject('g-1', 'a2@example.com');
    expect(again).toEqual({ id: first.id, email: 'a2@example.com' });
    expect((await users.upsertByGoogleSubject('g-2', null)).id).not.toBe(first.id);
    await expect(users.findById(first.id)).resolves.toEqual(again);
  });

  it('marks a refresh token rotated exactly once, even under concurrent attempts', async () => {
    const user = await users.upsertByGoogleSubject('g-race', null);
    const family = randomUUID();
    await tokens.create(user.id, family, `hash-${randomUUID()}`, later());
    const row = await prisma.refreshToken.findFirstOrThrow({ where: { familyId: family } });
    const results = await Promise.all([1, 2, 3].map(() => tokens.markRotated(user.id, row.id, new Date())));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("revokes a family only within its owner, and never marks another user's token", async () => {
    const a = await users.upsertByGoogleSubject('g-a', null);
    const b = await users.upsertByGoogleSubject('g-b', null);
    const family = randomUUID();
    const hashA = `hash-${randomUUID()}`;
    await tokens.create(a.id, family, hashA, later());
    const rowA = await tokens.findByHash(hashA);
    expect(await tokens.revokeFamily(b.id, family, new Date())).toBe(0);
    expect(await tokens.markRotated(b.id, rowA!.id, new Date())).toBe(false);
    expect(await tokens.revokeFamily(a.id, family, new Date())).toBe(1);
    expect((await tokens.findByHash(hashA))?.revokedAt).toBeInstanceOf(Date);
  });

  it('revokes a service client once and keeps listing it', async () => {
    const created = await clients.create({ clientId: `dmcp_${randomUUID()}`, name: 'svc', secretHash: 'scrypt$x', scopes: ['agents:run'] });
    expect(await clients.revoke(created.clientId, new Date())).toBe(true);
    expect(await clients.revoke(created.clientId, new Date())).toBe(false);
    expect(await clients.revoke('dmcp_unknown', new Date())).toBe(false);
    const listed = (await clients.list()).find((c) => c.id === created.id);
    expect(listed?.revokedAt).toBeInstanceOf(Date);
    await clients.touchLastUsed(created.id, new Date());
    expect((await clients.findByClientId(created.clientId))?.lastUsedAt).toBeInstanceOf(Date);
  });
});

import { AppConfig } from '../../../config/app-config';
import { InvalidRefreshTokenError } from '../auth.errors';
import { RefreshTokenService } from './refresh-token.service';
import { RefreshTokenRecord, RefreshTokensRepository } from './refresh-tokens.repository';

function strictRepository(): jest.Mocked<RefreshTokensRepository> {
  return { create: jest.fn(), findByHash: jest.fn(), markRotated: jest.fn(), revokeFamily: jest.fn() } as unknown as jest.Mocked<RefreshTokensRepository>;
}

const record = (overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  id: 't1', userId: 'u1', familyId: 'f1', expiresAt: new Date(Date.now() + 60_000), rotatedAt: null, revokedAt: null, ...overrides,
});

describe('RefreshTokenService', () => {
  let repo: jest.Mocked<RefreshTokensRepository>;
  let service: RefreshTokenService;

  beforeEach(() => {
    repo = strictRepository();
    service = new RefreshTokenService(repo, new AppConfig({}));
  });

  it('stores only a hash of a new token, in the given family', async () => {
    const issued = await service.issue('u1', 'f1');
    const [userId, familyId, hash] = repo.create.mock.calls[0];
    expect([userId, familyId]).toEqual(['u1', 'f1']);
    expect(hash).not.toContain(issued.token.slice(3));
    expect(hash).toHaveLength(43);
  });

  it('rotates a usable token into the same family', async () => {
    repo.findByHash.mockResolvedValue(record());
    repo.markRotated.mockResolvedValue(true);
    const next = await service.rotate('rt_presented');
    expect(repo.markRotated).toHaveBeenCalledWith('u1', 't1', expect.any(Date));
    expect(repo.create).toHaveBeenCalledWith('u1', 'f1', expect.any(String), expect.any(Date));
    expect(next.userId).toBe('u1');
    expect(repo.revokeFamily).not.toHaveBeenCalled();
  });

  it('revokes the family when an already-rotated token comes back', async () => {
    repo.findByHash.mockResolvedValue(record({ rotatedAt: new Date() }));
    await expect(service.rotate('rt_old')).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect(repo.revokeFamily).toHaveBeenCalledWith('u1', 'f1', expect.any(Date));
    expect(repo.create).not.toHaveBeenCalled();
  });

  it('treats losing a concurrent rotation race as reuse', async () => {
    repo.findByHash.mockResolvedValue(record());
    repo.markRotated.mockResolvedValue(false);
    await expect(service.rotate('rt_raced')).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect(repo.revokeFamily).toHaveBeenCalledWith('u1', 'f1', expect.any(Date));
  });

  it('refuses unknown, revoked and expired tokens without touching anything', async () => {
    for (const found of [undefined, record({ revokedAt: new Date() }), record({ expiresAt: new Date(Date.now() - 1) })]) {
      repo.findByHash.mockResolvedValue(found);
      await expect(service.rotate('rt_x')).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    }
    expect(repo.markRotated).not.toHaveBeenCalled();
    expect(repo.revokeFamily).not.toHaveBeenCalled();
  });
});

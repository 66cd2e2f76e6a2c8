import { postgresErrorCode } from '../../database/database.errors';
import type { PrismaService } from '../../database/prisma.service';
import { CatalogSearchRepository } from './catalog-search.repository';

/** A failed raw query as the Prisma driver adapter reports it (shape recorded from PostgreSQL 15). */
function adapterError(code: string): Error {
  return Object.assign(new Error(`Raw query failed. Code: \`${code}\``), {
    code: 'P2010',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode: code, kind: 'postgres', code, message: 'must be owner of index' } } },
  });
}

function repositoryFailingWith(mode: 'postgres' | 'embedded', error?: Error): CatalogSearchRepository {
  const prisma = { mode, $queryRaw: () => (error ? Promise.reject(error) : Promise.resolve([{ pages: 3 }])) };
  return new CatalogSearchRepository(prisma as unknown as PrismaService);
}

describe('CatalogSearchRepository.mergeFullTextPending', () => {
  it('merges on both databases', async () => {
    await expect(repositoryFailingWith('postgres').mergeFullTextPending()).resolves.toBe(true);
    await expect(repositoryFailingWith('embedded').mergeFullTextPending()).resolves.toBe(true);
  });

  it('leaves the merge to autovacuum on PostgreSQL when the role does not own the index or the server is a standby', async () => {
    await expect(repositoryFailingWith('postgres', adapterError('42501')).mergeFullTextPending()).resolves.toBe(false);
    await expect(repositoryFailingWith('postgres', adapterError('25006')).mergeFullTextPending()).resolves.toBe(false);
  });

  it('fails on any other error, and on the embedded database, which has no autovacuum to fall back on', async () => {
    await expect(repositoryFailingWith('postgres', adapterError('57014')).mergeFullTextPending()).rejects.toThrow(/57014/);
    await expect(repositoryFailingWith('postgres', new Error('connection lost')).mergeFullTextPending()).rejects.toThrow('connection lost');
    await expect(repositoryFailingWith('embedded', adapterError('42501')).mergeFullTextPending()).rejects.toThrow(/42501/);
  });
});

describe('postgresErrorCode', () => {
  it('reads the SQLSTATE of a driver adapter error and nothing else', () => {
    expect(postgresErrorCode(adapterError('42501'))).toBe('42501');
    expect(postgresErrorCode(new Error('x'))).toBeUndefined();
    expect(postgresErrorCode(null)).toBeUndefined();
    expect(postgresErrorCode({ meta: { driverAdapterError: { cause: { code: 42 } } } })).toBeUndefined();
  });
});

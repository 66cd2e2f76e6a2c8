import { generateClientSecret, hashClientSecret, verifyClientSecret } from './client-secret';

describe('client secret hashing', () => {
  it('stores a salted scrypt hash that verifies only the right secret', async () => {
    const secret = generateClientSecret();
    const hash = await hashClientSecret(secret);
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain(secret);
    expect(await hashClientSecret(secret)).not.toBe(hash);
    await expect(verifyClientSecret(secret, hash)).resolves.toBe(true);
    await expect(verifyClientSecret(`${secret}x`, hash)).resolves.toBe(false);
    await expect(verifyClientSecret(secret, 'plain$text')).resolves.toBe(false);
  });
});

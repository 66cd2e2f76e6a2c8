import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtClaims, signJwt } from '../../src/modules/auth/jwt/jwt-codec';
import { generatePrivateKey, SigningKey, signingKeyFrom } from '../../src/modules/auth/keys/signing-keys';

/** A stand-in identity provider on 127.0.0.1: serves a JWKS of keys made in the test and signs tokens with them. */
export interface LocalJwksServer {
  url: string;
  /** How many times the JWKS was fetched. */
  fetches(): number;
  /** Makes a key and publishes it (or keeps it private with `publish: false`). */
  addKey(kid: string, options?: { publish?: boolean }): SigningKey;
  publish(key: SigningKey): void;
  sign(claims: JwtClaims, key: SigningKey): string;
  close(): Promise<void>;
}

export async function startJwksServer(): Promise<LocalJwksServer> {
  const published: SigningKey[] = [];
  let count = 0;
  const server: Server = createServer((req, res) => {
    count += 1;
    const keys = published.map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, alg: k.alg, use: 'sig' }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/certs`,
    fetches: () => count,
    addKey(kid, options) {
      const key = signingKeyFrom(kid, generatePrivateKey({ type: 'rsa', modulusLength: 2048 }));
      if (options?.publish !== false) published.push(key);
      return key;
    },
    publish: (key) => void published.push(key),
    sign: (claims, key) => signJwt(claims, key),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

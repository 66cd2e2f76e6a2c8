import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENV_SECTIONS } from '../../src/config/env';

const root = join(__dirname, '..', '..');
const knownVariables = new Set(ENV_SECTIONS.flatMap((section) => Object.keys(new section())));

interface ComposeService {
  environment?: Record<string, string> | string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  image?: string;
  build?: unknown;
  command?: unknown;
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
  const { services } = compose;

  it('runs the app beside pgvector Postgres and Redis, each with a health check', () => {
    expect(services.postgres.image).toMatch(/^pgvector\/pgvector:/);
    expect(services.redis.image).toMatch(/^redis:/);
    for (const name of ['app', 'postgres', 'redis']) expect(services[name].healthcheck).toBeDefined();
  });

  it('migrates before the app starts, once the database is healthy', () => {
    expect(JSON.stringify(services.migrate.command)).toContain('db:migrate');
    expect(services.migrate.depends_on?.postgres.condition).toBe('service_healthy');
    expect(services.app.depends_on?.migrate.condition).toBe('service_completed_successfully');
  });

  it('sets only environment variables the configuration schema knows', () => {
    for (const name of ['app', 'migrate']) {
      const env = services[name].environment ?? {};
      const names = Array.isArray(env) ? env.map((e) => e.split('=')[0]) : Object.keys(env);
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((n) => !knownVariables.has(n))).toEqual([]);
    }
  });

  it('documents every configuration variable in .env.example', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect([...knownVariables].filter((n) => !documented.has(n))).toEqual([]);
  });
});

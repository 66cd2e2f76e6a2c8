// Catalog search latency over HTTP (GET /api/catalog/search, sequential requests with dev-set
// queries) on the real 8,818-server catalog (embedded and PostgreSQL) and on 100,000 synthetic
// servers (PostgreSQL), each beside an exact-scan baseline in the same run: the same service
// restarted with CATALOG_VECTOR_SCAN=exact (the HNSW index unused). Also the import time of the
// shared catalog with local embeddings, and whether EXPLAIN shows the HNSW index at that size.
// Env: BENCH_DATABASE_URL (a PostgreSQL server URL; its database is not touched, fresh ones are
// created and dropped), BENCH_SEARCH_QUERIES (default 400), BENCH_SEARCH_WARMUP (unmeasured requests
// first, default 100), BENCH_SEARCH_SCENARIOS (comma list of embedded,postgres,postgres100k),
// BENCH_CATALOG_DIR.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { emit, freePort, percentile, round, startUntilHealthy, stop } from './lib/harness.mjs';
import { insertSyntheticServers } from './lib/synthetic-catalog.mjs';

const CATALOG = resolve(process.env.BENCH_CATALOG_DIR ?? '../shared/catalog');
const QUERIES = Number(process.env.BENCH_SEARCH_QUERIES ?? 400);
const WARM_UP = Number(process.env.BENCH_SEARCH_WARMUP ?? 100);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const SCENARIOS = (process.env.BENCH_SEARCH_SCENARIOS ?? 'embedded,postgres,postgres100k').split(',');
// A throwaway vault key: the service requires one on PostgreSQL (no credentials are stored here).
const BASE_ENV = { LOG_LEVEL: 'warn', LOG_FORMAT: 'json', NODE_ENV: 'production', DATABASE_URL: '', ENCRYPTION_KEYS: `v1:${randomBytes(32).toString('base64')}` };

const devQueries = readFileSync(resolve(CATALOG, '../eval/dev.jsonl'), 'utf8').split('\n').filter(Boolean)
  .map((line) => JSON.parse(line).query.slice(0, 2000));
const stride = Math.max(1, Math.floor(devQueries.length / QUERIES));
const queries = devQueries.filter((_, i) => i % stride === 0).slice(0, QUERIES);
// Warm-up requests are other dev queries (none measured): 20 left the JIT cold enough that the first
// 100 measured searches had a p95 ~1.5x the next 100's.
const warmUpQueries = devQueries.filter((_, i) => i % stride !== 0).slice(0, WARM_UP);

function cli(args, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { env: { ...process.env, ...BASE_ENV, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${result.stderr.slice(-800)}`);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, stdout: result.stdout };
}

async function withDatabase(fn) {
  const name = `dmcp_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  try {
    // The service never creates extensions or migrates PostgreSQL on start; `db migrate` does.
    cli(['db', 'migrate'], { DATABASE_URL: url.toString() });
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

/** Starts the service, waits for hybrid search (vectors ready), returns latencies of every query. */
async function measureHttp(env) {
  const port = await freePort();
  const full = { ...BASE_ENV, ...env, PORT: String(port) };
  const { child } = await startUntilHealthy(['dist/main.js'], full, `http://127.0.0.1:${port}/health`, 600_000);
  try {
    const token = cli(['token', 'issue', '--sub', 'bench', '--scopes', 'catalog:read'], env).stdout.trim();
    const get = async (q) => {
      const started = process.hrtime.bigint();
      const res = await fetch(`http://127.0.0.1:${port}/api/catalog/search?limit=10&q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.json();
      if (res.status !== 200) throw new Error(`search answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      return { ms: Number(process.hrtime.bigint() - started) / 1e6, body };
    };
    const deadline = Date.now() + 600_000;
    // Start-up embeds in the background when vectors are missing; measure the hybrid path only.
    while ((await get('send an email')).body.results.some((r) => r.matched_fields.includes('full_text_only'))) {
      if (Date.now() > deadline) throw new Error('vectors not ready in time');
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const q of warmUpQueries) await get(q);
    const times = [];
    for (const q of queries) times.push((await get(q)).ms);
    return times;
  } finally {
    await stop(child);
  }
}

function report(scenario, servers, label, times) {
  const common = { bench: 'search', n: times.length, servers, db: scenario.startsWith('postgres') ? 'postgres' : 'embedded' };
  emit({ ...common, figure: `${scenario}.${label}.p50`, value: round(percentile(times, 50), 2), unit: 'ms' });
  emit({ ...common, figure: `${scenario}.${label}.p95`, value: round(percentile(times, 95), 2), unit: 'ms' });
}

async function explainUsesIndex(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT embedding::text AS v FROM mcp_server_embeddings WHERE model = 'local-hash-tfidf-v1-d384-idf' LIMIT 1`);
    const plan = await client.query(`EXPLAIN SELECT server_id FROM mcp_server_embeddings e WHERE e.model = 'local-hash-tfidf-v1-d384-idf' ORDER BY (e.embedding::vector(384)) <=> $1::vector(384) LIMIT 200`, [rows[0].v]);
    return plan.rows.map((r) => r['QUERY PLAN']).join('\n').includes('hnsw_idx');
  } finally {
    await client.end();
  }
}

async function scenario(name, servers, env, url) {
  const hnsw = await measureHttp({ ...env, CATALOG_VECTOR_SCAN: 'hnsw' });
  report(name, servers, 'hnsw', hnsw);
  const exact = await measureHttp({ ...env, CATALOG_VECTOR_SCAN: 'exact' });
  report(name, servers, 'exact_scan_baseline', exact);
  if (url) emit({ bench: 'search', figure: `${name}.explain_uses_hnsw_index`, value: (await explainUsesIndex(url)) ? 1 : 0, unit: 'bool', servers, db: 'postgres' });
}

const base = mkdtempSync(join(tmpdir(), 'dmcp-bench-search-'));
try {
  if (SCENARIOS.includes('embedded')) {
    const dir = join(base, 'embedded');
    const imported = cli(['catalog', 'import', CATALOG], { DATA_DIR: dir });
    emit({ bench: 'search', figure: 'import_shared_catalog_local_embeddings', value: round(imported.ms / 1000, 1), unit: 's', db: 'embedded', servers: 8818 });
    await scenario('embedded_8818', 8818, { DATA_DIR: dir });
  }
  if (!PG_URL && SCENARIOS.some((s) => s.startsWith('postgres'))) process.stderr.write('search bench: BENCH_DATABASE_URL is not set; skipping PostgreSQL\n');
  if (PG_URL && SCENARIOS.includes('postgres')) {
    await withDatabase(async (url) => {
      const imported = cli(['catalog', 'import', CATALOG], { DATABASE_URL: url, DATA_DIR: join(base, 'pg') });
      emit({ bench: 'search', figure: 'import_shared_catalog_local_embeddings', value: round(imported.ms / 1000, 1), unit: 's', db: 'postgres', servers: 8818 });
      await scenario('postgres_8818', 8818, { DATABASE_URL: url, DATA_DIR: join(base, 'pg') }, url);
    });
  }
  if (PG_URL && SCENARIOS.includes('postgres100k')) {
    await withDatabase(async (url) => {
      const env = { DATABASE_URL: url, DATA_DIR: join(base, 'pg100k') };
      const inserted = await insertSyntheticServers(url, join(CATALOG, 'servers.json'), 100_000);
      emit({ bench: 'search', figure: 'synthetic_100k.bulk_insert', value: round(inserted.ms / 1000, 1), unit: 's', db: 'postgres', servers: inserted.count });
      const indexed = cli(['catalog', 'reembed'], env);
      emit({ bench: 'search', figure: 'synthetic_100k.index_and_embed', value: round(indexed.ms / 1000, 1), unit: 's', db: 'postgres', servers: inserted.count });
      await scenario('postgres_100k', inserted.count, env, url);
    });
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}

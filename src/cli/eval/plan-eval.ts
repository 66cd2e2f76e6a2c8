import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loadStarterCatalog } from '../../modules/agents/ports/starter-catalog.loader';
import type { CatalogSearchQuery, CatalogSearchResult, CatalogServer } from '../../modules/mcp-catalog/catalog.types';
import { OfflinePlanner } from '../../modules/orchestration/offline/offline.planner';
import { InMemoryCatalogSearch } from './in-memory-catalog.search';

/**
 * `--plan` evaluation: runs the offline planner on every request of a labelled set and prints the
 * set precision, recall and F1 of the servers it selects, per benchmark, inside the request's own
 * pool and over the whole catalog, beside a top-k BM25-style baseline computed in the same run.
 *   node dist/cli/eval/plan-eval.js --plan --catalog ../shared/catalog --queries ../shared/eval/dev.jsonl [--output FILE] [--limit N] [--benchmark A,B] [--split tune|valid]
 */
interface Query {
  id: string;
  query: string;
  expected_servers: string[];
  pool: string | null;
  benchmark: string;
}

interface Scores {
  n: number;
  p: number;
  r: number;
  f1: number;
}

type Tally = Map<string, Scores>;

export async function runPlanEval(argv: string[]): Promise<void> {
  const arg = (name: string) => argv[argv.indexOf(name) + 1];
  const catalogDir = arg('--catalog') ?? '../shared/catalog';
  const only = argv.includes('--benchmark') ? arg('--benchmark').split(',') : undefined;
  const queries = readQueries(arg('--queries') ?? '../shared/eval/dev.jsonl', Number(arg('--limit') ?? 0)).filter((q) => (!only || only.includes(q.benchmark)) && (!argv.includes('--split') || splitOf(q.id) === arg('--split')));
  const pools = JSON.parse(readFileSync(join(catalogDir, 'pools.json'), 'utf8')) as Record<string, string[]>;
  const catalog = new InMemoryCatalogSearch(withStarter(loadStarterCatalog(catalogDir, `seed:${catalogDir}`)));
  const tallies = { plan: new Map() as Tally, baseline1: new Map() as Tally, baseline3: new Map() as Tally };
  const lines: string[] = [];
  for (const q of queries) {
    const poolIds = q.pool ? pools[q.pool] : undefined;
    const full = await selectWith(catalog, undefined, q.query);
    const own = poolIds ? await selectWith(catalog, poolIds, q.query) : null;
    add(tallies.plan, `${q.benchmark}|full`, full, q.expected_servers, q.id);
    if (own) add(tallies.plan, `${q.benchmark}|own`, own, q.expected_servers, q.id);
    for (const [k, tally] of [[1, tallies.baseline1], [3, tallies.baseline3]] as const) {
      add(tally, `${q.benchmark}|full`, await topK(catalog, q.query, k), q.expected_servers, q.id);
      if (poolIds) add(tally, `${q.benchmark}|own`, await topK(catalog, q.query, k, poolIds), q.expected_servers, q.id);
    }
    lines.push(JSON.stringify({ id: q.id, own_pool: own, full }));
  }
  const output = arg('--output');
  if (argv.includes('--output') && output) writeFileSync(output, `${lines.join('\n')}\n`);
  report(tallies);
}

/** As the product runs: the starter catalog (curated credentials) loaded first, the big catalog imported beside it. */
function withStarter(servers: CatalogServer[]): CatalogServer[] {
  const starter = new Map(loadStarterCatalog().map((s) => [s.id, s]));
  return [...servers.map((s) => starter.get(s.id) ?? s), ...[...starter.values()].filter((s) => !servers.some((x) => x.id === s.id))];
}

async function selectWith(catalog: InMemoryCatalogSearch, pool: string[] | undefined, text: string): Promise<string[]> {
  const port = pool ? restrict(catalog, pool) : catalog;
  const plan = await new OfflinePlanner(port).plan({ message: text, history: [], context: {} });
  return plan.selected.map((s) => s.id);
}

/** The same catalog, every search confined to a benchmark's own pool. */
function restrict(catalog: InMemoryCatalogSearch, pool: string[]): InMemoryCatalogSearch {
  const scoped = Object.create(catalog) as InMemoryCatalogSearch;
  const inPool = new Set(pool);
  scoped.search = async (query: CatalogSearchQuery): Promise<CatalogSearchResult> => {
    // A search already confined (the planner's curated-only look-up) stays confined, within the pool.
    const serverIds = query.serverIds ? query.serverIds.filter((id) => inPool.has(id)) : pool;
    return serverIds.length ? catalog.search({ ...query, serverIds }) : { hits: [], tookMs: 0 };
  };
  return scoped;
}

async function topK(catalog: InMemoryCatalogSearch, text: string, k: number, pool?: string[]): Promise<string[]> {
  const { hits } = await catalog.search({ text, limit: k, serverIds: pool });
  return hits.map((h) => h.server.id);
}

/**
 * Methods are tuned on one half of the labelled set and checked on the other: a stable hash of the
 * query id decides the half, so the split never changes between runs.
 */
export function splitOf(id: string): 'tune' | 'valid' {
  return createHash('sha1').update(id).digest()[0] % 2 === 0 ? 'tune' : 'valid';
}

/** Scores a query under its own half and under `all`. */
function add(tally: Tally, key: string, selected: string[], expected: string[], id: string): void {
  for (const split of [splitOf(id), 'all']) addTo(tally, `${key}|${split}`, selected, expected);
}

function addTo(tally: Tally, key: string, selected: string[], expected: string[]): void {
  const hit = selected.filter((id) => expected.includes(id)).length;
  const p = selected.length ? hit / selected.length : 0;
  const r = expected.length ? hit / expected.length : 0;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  const s = tally.get(key) ?? { n: 0, p: 0, r: 0, f1: 0 };
  tally.set(key, { n: s.n + 1, p: s.p + p, r: s.r + r, f1: s.f1 + f1 });
}

function report(tallies: Record<string, Tally>): void {
  for (const [method, tally] of Object.entries(tallies)) {
    for (const [key, s] of [...tally.entries()].sort()) {
      const [benchmark, pool, split] = key.split('|');
      const mean = (x: number) => Number((x / s.n).toFixed(3));
      process.stdout.write(`${JSON.stringify({ eval: 'plan', method, benchmark, pool, split, n: s.n, precision: mean(s.p), recall: mean(s.r), f1: mean(s.f1) })}\n`);
    }
  }
}

function readQueries(path: string, limit: number): Query[] {
  const all = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Query);
  return limit > 0 ? all.slice(0, limit) : all;
}

if (require.main === module) {
  runPlanEval(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}

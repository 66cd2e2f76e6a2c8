import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { loadStarterCatalog } from '../../modules/agents/ports/starter-catalog.loader';
import type { CatalogSearchQuery, CatalogSearchResult, CatalogServer } from '../../modules/mcp-catalog/catalog.types';
import { mergeCuratedGuidance } from '../../modules/mcp-catalog/catalog-guidance.merge';
import { Bm25Baseline } from '../../modules/mcp-catalog/eval/bm25-baseline';
import { readPools } from '../../modules/mcp-catalog/eval/catalog-eval';
import type { SearchableServer } from '../../modules/mcp-catalog/search/server-document';
import { OfflinePlanner } from '../../modules/orchestration/offline/offline.planner';
import { InMemoryCatalogSearch } from './in-memory-catalog.search';

/**
 * `--plan` evaluation: runs the offline planner on every request of a labelled set and prints the
 * set precision, recall and F1 of the servers it selects, per benchmark, inside the request's own
 * pool and over the whole catalog, beside the issue's baseline (the top k of a plain BM25, k = 1, 2,
 * 3) computed in the same run.
 *   node dist/cli/eval/plan-eval.js --plan --catalog ../shared/catalog --queries ../shared/eval/dev.jsonl [--output FILE] [--limit N] [--benchmark A,B] [--split tune|valid] [--max-searches N]
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

/** Summed scores per `benchmark|pool|split`. */
type Tally = Map<string, Scores>;

const BASELINE_K = [1, 2, 3] as const;
const METHODS = ['plan', ...BASELINE_K.map((k) => `bm25@${k}`)];

export async function runPlanEval(argv: string[]): Promise<void> {
  const arg = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const catalogDir = arg('--catalog') ?? '../shared/catalog';
  const only = arg('--benchmark')?.split(',');
  const maxSearches = arg('--max-searches') ? Number(arg('--max-searches')) : undefined;
  const split = arg('--split');
  const queries = readQueries(arg('--queries') ?? '../shared/eval/dev.jsonl', Number(arg('--limit') ?? 0)).filter((q) => (!only || only.includes(q.benchmark)) && (!split || splitOf(q.id) === split));
  // A catalog without pools.json (the starter catalog in config/) is scored on the whole catalog only.
  const pools = readPools(catalogDir);
  const servers = withStarter(loadStarterCatalog(catalogDir, `seed:${catalogDir}`));
  const catalog = new InMemoryCatalogSearch(servers);
  const bm25 = bm25Baselines(servers, pools);
  const tallies = new Map<string, Tally>(METHODS.map((m) => [m, new Map()]));
  const costs = new Map<string, number[]>();
  const lines: string[] = [];
  for (const q of queries) {
    const poolIds = q.pool ? pools[q.pool] : undefined;
    const before = catalog.searchCalls;
    const full = await selectWith(catalog, undefined, q.query, maxSearches);
    (costs.get(q.benchmark) ?? costs.set(q.benchmark, []).get(q.benchmark))?.push(catalog.searchCalls - before);
    const own = poolIds ? await selectWith(catalog, poolIds, q.query, maxSearches) : null;
    add(tallies.get('plan') as Tally, q, 'full', full);
    if (own) add(tallies.get('plan') as Tally, q, 'own', own);
    const fullRanking = bm25.full.search(q.query, null, 3);
    const ownRanking = q.pool && bm25.pools.has(q.pool) ? (bm25.pools.get(q.pool) as Bm25Baseline).search(q.query, null, 3) : null;
    for (const k of BASELINE_K) {
      add(tallies.get(`bm25@${k}`) as Tally, q, 'full', fullRanking.slice(0, k));
      if (ownRanking) add(tallies.get(`bm25@${k}`) as Tally, q, 'own', ownRanking.slice(0, k));
    }
    lines.push(JSON.stringify({ id: q.id, own_pool: own, full }));
  }
  const output = arg('--output');
  if (output) {
    writeFileSync(output, lines.length ? `${lines.join('\n')}\n` : '');
    process.stderr.write(`wrote ${lines.length} lines to ${output}\n`);
  }
  process.stdout.write(`${formatPlanTable(tallies)}\n\n${formatCosts(costs)}\n\n`);
  for (const line of summaryLines(tallies)) process.stdout.write(`${line}\n`);
}

/**
 * As the product runs: the starter catalog (curated credentials and launch commands) loaded first,
 * the big catalog imported over it with the importer's own merge rule (see mergeCuratedGuidance).
 */
function withStarter(servers: CatalogServer[]): CatalogServer[] {
  const starter = new Map(loadStarterCatalog().map((s) => [s.id, s]));
  const stored = (s: CatalogServer) => ({ hash: '', source: s.source, validationTool: s.validationTool, credentials: s.credentials, launchOptions: s.launchOptions });
  const imported = servers.map((s) => (starter.has(s.id) ? mergeCuratedGuidance(s, stored(starter.get(s.id) as CatalogServer)) : s));
  return [...imported, ...[...starter.values()].filter((s) => !servers.some((x) => x.id === s.id))];
}

/** The whole catalog's BM25 and, as the retrieval eval does, one per pool (pool-local idf). */
function bm25Baselines(servers: CatalogServer[], pools: Record<string, string[]>): { full: Bm25Baseline; pools: Map<string, Bm25Baseline> } {
  const searchable = (s: CatalogServer): SearchableServer => ({ ...s, hasLaunchConfig: s.launchOptions.length > 0, credentialKeys: s.credentials.map((c) => c.key) });
  const byId = new Map(servers.map((s) => [s.id, searchable(s)]));
  const perPool = Object.entries(pools).map(([name, ids]) => [name, new Bm25Baseline(ids.flatMap((id) => byId.get(id) ?? []))] as const);
  return { full: new Bm25Baseline([...byId.values()]), pools: new Map(perPool) };
}

async function selectWith(catalog: InMemoryCatalogSearch, pool: string[] | undefined, text: string, maxSearches?: number): Promise<string[]> {
  const port = pool ? restrict(catalog, pool) : catalog;
  const plan = await new OfflinePlanner(port, undefined, maxSearches).plan({ message: text, history: [], context: {} });
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
  // Servers outside the pool are not in this catalog at all.
  scoped.getServers = async (ids: string[]) => catalog.getServers(ids.filter((id) => inPool.has(id)));
  scoped.getServer = async (id: string) => (inPool.has(id) ? catalog.getServer(id) : undefined);
  return scoped;
}

/**
 * Methods are tuned on one half of the labelled set and checked on the other: a stable hash of the
 * query id decides the half, so the split never changes between runs.
 */
export function splitOf(id: string): 'tune' | 'valid' {
  return createHash('sha1').update(id).digest()[0] % 2 === 0 ? 'tune' : 'valid';
}

/** Set precision, recall and F1 of one selection. */
export function setScores(selected: readonly string[], expected: readonly string[]): { p: number; r: number; f1: number } {
  const picked = new Set(selected);
  const hit = [...picked].filter((id) => expected.includes(id)).length;
  const p = picked.size ? hit / picked.size : 0;
  const r = expected.length ? hit / new Set(expected).size : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** Scores a query under its own half and under `all`. */
function add(tally: Tally, q: Query, pool: 'own' | 'full', selected: string[]): void {
  const { p, r, f1 } = setScores(selected, q.expected_servers);
  for (const split of [splitOf(q.id), 'all']) {
    const key = `${q.benchmark}|${pool}|${split}`;
    const s = tally.get(key) ?? { n: 0, p: 0, r: 0, f1: 0 };
    tally.set(key, { n: s.n + 1, p: s.p + p, r: s.r + r, f1: s.f1 + f1 });
  }
}

const mean = (s: Scores | undefined, x: 'p' | 'r' | 'f1'): number => (s && s.n ? s[x] / s.n : 0);

/** One row per benchmark and pool (all queries run): the planner's P/R/F1, then each baseline's F1. */
export function formatPlanTable(tallies: Map<string, Tally>): string {
  const plan = tallies.get('plan') as Tally;
  const keys = [...plan.keys()].filter((k) => k.endsWith('|all')).sort();
  const f = (x: number) => x.toFixed(3);
  const baselines = METHODS.slice(1);
  return [
    `| benchmark | pool | n | precision | recall | F1 | ${baselines.map((m) => `${m.replace("bm25@", "BM25 top-")} F1`).join(' | ')} |`,
    `|---|---|---|---|---|---|${baselines.map(() => '---|').join('')}`,
    ...keys.map((key) => {
      const [benchmark, pool] = key.split('|');
      const s = plan.get(key);
      return `| ${benchmark} | ${pool} | ${s?.n ?? 0} | ${f(mean(s, 'p'))} | ${f(mean(s, 'r'))} | ${f(mean(s, 'f1'))} | ${baselines.map((m) => f(mean(tallies.get(m)?.get(key), 'f1'))).join(' | ')} |`;
    }),
  ].join('\n');
}

/** Catalog searches one message's plan sends (full catalog), per benchmark: what planning costs the database. */
function formatCosts(costs: Map<string, number[]>): string {
  const rows = [...costs.entries()].sort().map(([benchmark, xs]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mean = xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
    return `| ${benchmark} | ${xs.length} | ${mean.toFixed(1)} | ${sorted[Math.floor(0.95 * (sorted.length - 1))] ?? 0} | ${sorted[sorted.length - 1] ?? 0} |`;
  });
  return ['| benchmark | n | searches/message | p95 | max |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** One JSON line per method, benchmark, pool and split (tune, valid, all). */
function summaryLines(tallies: Map<string, Tally>): string[] {
  const round = (x: number) => Number(x.toFixed(3));
  return [...tallies.entries()].flatMap(([method, tally]) =>
    [...tally.entries()].sort().map(([key, s]) => {
      const [benchmark, pool, split] = key.split('|');
      return JSON.stringify({ eval: 'plan', method, benchmark, pool, split, n: s.n, precision: round(mean(s, 'p')), recall: round(mean(s, 'r')), f1: round(mean(s, 'f1')) });
    }),
  );
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

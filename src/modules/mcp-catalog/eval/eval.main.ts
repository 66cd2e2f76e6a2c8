import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatEvalTable, openEvalContext, readEvalQueries, readPools, runRetrievalEval, summarizeEval } from './catalog-eval';

/** `npm run eval -- [--plan] --catalog DIR --queries FILE [--output FILE] [--limit N] [--database-url URL]` */
function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
    out[arg.slice(2)] = value;
    i++;
  }
  return out;
}

async function main(): Promise<void> {
  // `--plan` scores the offline planner's selected servers instead of the ranking (issue 7's mode).
  if (process.argv.includes('--plan')) {
    const { runPlanEval } = await import('../../../cli/eval/plan-eval');
    return runPlanEval(process.argv.slice(2).filter((arg) => arg !== '--plan'));
  }
  const args = parseArgs(process.argv.slice(2));
  const catalog = resolve(args.catalog ?? '../shared/catalog');
  let queries = readEvalQueries(resolve(args.queries ?? '../shared/eval/dev.jsonl'));
  if (args.limit) queries = queries.slice(0, Number(args.limit));
  const pools = readPools(catalog);
  const ctx = await openEvalContext(catalog, args['database-url'] ? { databaseUrl: args['database-url'] } : {});
  try {
    process.stderr.write(`imported ${ctx.servers.length} servers and indexed them in ${(ctx.importMs / 1000).toFixed(1)} s\n`);
    const started = performance.now();
    const outcomes = await runRetrievalEval(ctx, queries, pools, (done, total) => {
      if (done % 200 === 0 || done === total) process.stderr.write(`  ${done}/${total} queries\n`);
    });
    const searches = outcomes.reduce((n, o) => n + (o.ownPool ? 2 : 1), 0);
    const rows = summarizeEval(outcomes);
    process.stdout.write(`${formatEvalTable(rows)}\n\n`);
    for (const r of rows) process.stdout.write(`${JSON.stringify({ benchmark: r.benchmark, pool: r.scope, n: r.n, ours: r.ours, bm25: r.bm25 })}\n`);
    const ms = performance.now() - started;
    process.stdout.write(`${JSON.stringify({ queries: queries.length, searches, ms_total: Math.round(ms), ms_per_search: Math.round((ms / Math.max(1, searches)) * 100) / 100, truncated_to_2000_chars: queries.filter((q) => q.query.length > 2000).length })}\n`);
    if (args.output) {
      writeFileSync(args.output, outcomes.map((o) => JSON.stringify({ id: o.query.id, own_pool: o.ownPool, full: o.full })).join('\n') + '\n');
      process.stderr.write(`wrote ${outcomes.length} lines to ${args.output}\n`);
    }
  } finally {
    await ctx.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

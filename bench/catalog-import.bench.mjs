// Catalog import: wall time of `catalog import ../shared/catalog` through the CLI into a fresh
// embedded database (fresh DATA_DIR each run), and of a re-import of the same files (all unchanged).
// Baseline in the same run: `catalog stats` on a fresh DATA_DIR, i.e. CLI start-up, database
// creation and migrations with no import, so the import's own share survives a noisy machine.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { emit, median, percentile, round } from './lib/harness.mjs';

const RUNS = Number(process.env.BENCH_CATALOG_RUNS ?? 3);
const CATALOG = resolve(process.env.BENCH_CATALOG_DIR ?? '../shared/catalog');
const CLI = process.env.BENCH_CLI ?? 'dist/cli/main.js';
const env = { LOG_LEVEL: 'warn', LOG_FORMAT: 'json', NODE_ENV: 'production', DATABASE_URL: '' };

/** Runs the CLI and resolves with the elapsed milliseconds and its stdout; rejects on a non-zero exit. */
function cli(args, dataDir) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolvePromise({ ms, stdout });
      else reject(new Error(`catalog ${args.join(' ')} exited with ${code}: ${stderr.slice(-500)}`));
    });
  });
}

function summary(stdout) {
  const line = stdout.trim().split('\n').pop();
  const counts = Object.fromEntries([...line.matchAll(/(added|updated|unchanged|removed|skipped) (\d+)/g)].map((m) => [m[1], Number(m[2])]));
  return { line, counts };
}

function report(label, times, extra = {}) {
  const common = { n: times.length, db: 'embedded', ...extra };
  emit({ bench: 'catalog-import', figure: `${label}.median`, value: round(median(times)), unit: 'ms', ...common });
  emit({ bench: 'catalog-import', figure: `${label}.max`, value: round(percentile(times, 100)), unit: 'ms', ...common });
  return median(times);
}

if (!existsSync(join(CATALOG, 'servers.json'))) {
  process.stderr.write(`catalog-import: no catalog at ${CATALOG}; set BENCH_CATALOG_DIR\n`);
  process.exit(1);
}
const base = mkdtempSync(join(tmpdir(), 'dmcp-bench-catalog-'));
try {
  const baseline = [];
  const fresh = [];
  const again = [];
  let counts = {};
  for (let i = 0; i < RUNS; i += 1) {
    baseline.push((await cli(['catalog', 'stats'], join(base, `baseline-${i}`))).ms);
    const dir = join(base, `import-${i}`);
    const first = await cli(['catalog', 'import', CATALOG], dir);
    fresh.push(first.ms);
    counts = summary(first.stdout).counts;
    const second = await cli(['catalog', 'import', CATALOG], dir);
    again.push(second.ms);
    if (summary(second.stdout).counts.unchanged !== counts.added) throw new Error(`re-import was not all unchanged: ${summary(second.stdout).line}`);
  }
  const catalog = counts.added;
  const b = report('baseline_cli_fresh_db_no_import', baseline);
  const f = report('import.fresh_db', fresh, { catalog });
  const a = report('reimport.all_unchanged', again, { catalog });
  emit({ bench: 'catalog-import', figure: 'import.fresh_db.minus_baseline', value: round(f - b), unit: 'ms', db: 'embedded', catalog });
  emit({ bench: 'catalog-import', figure: 'import.servers_per_second', value: round(catalog / ((f - b) / 1000)), unit: 'servers/s', db: 'embedded', catalog });
  emit({ bench: 'catalog-import', figure: 'ratio.reimport_vs_import', value: round(a / f, 2), unit: 'x', db: 'embedded', catalog });
} finally {
  rmSync(base, { recursive: true, force: true });
}

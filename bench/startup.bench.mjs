// Start-up: time from process start to a healthy /health on the embedded database, with a fresh
// DATA_DIR (initdb + migrations) and with an existing one, and RSS once healthy. Baseline in the
// same run: a bare Node HTTP server answering /health, so the ratio survives a noisy machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emit, freePort, median, percentile, round, rssMiB, startUntilHealthy, stop } from './lib/harness.mjs';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const BASELINE = "require('http').createServer((q,s)=>s.end('ok')).listen(process.env.PORT,'127.0.0.1')";

async function measure(label, makeArgs, makeEnv) {
  const times = [];
  const rss = [];
  for (let i = 0; i < RUNS; i += 1) {
    const port = await freePort();
    const { child, ms } = await startUntilHealthy(makeArgs(), { ...makeEnv(i), PORT: String(port) }, `http://127.0.0.1:${port}/health`);
    times.push(ms);
    rss.push(rssMiB(child.pid));
    await stop(child);
  }
  const common = { n: RUNS, db: 'embedded' };
  emit({ bench: 'startup', figure: `${label}.time_to_healthy.median`, value: round(median(times)), unit: 'ms', ...common });
  emit({ bench: 'startup', figure: `${label}.time_to_healthy.max`, value: round(percentile(times, 100)), unit: 'ms', ...common });
  emit({ bench: 'startup', figure: `${label}.rss_after_start.median`, value: round(median(rss)), unit: 'MiB', ...common });
  return median(times);
}

const env = { LOG_LEVEL: 'warn', LOG_FORMAT: 'json', NODE_ENV: 'production', DATABASE_URL: '' };
const base = mkdtempSync(join(tmpdir(), 'dmcp-bench-startup-'));
try {
  const baseline = await measure('baseline_bare_node_http', () => ['-e', BASELINE], () => ({}));
  const cold = await measure('service.fresh_data_dir', () => ['dist/main.js'], (i) => ({ ...env, DATA_DIR: join(base, `fresh-${i}`) }));
  const warmDir = join(base, 'warm');
  // One unmeasured start creates the directory the warm starts reuse.
  const port = await freePort();
  const { child } = await startUntilHealthy(['dist/main.js'], { ...env, DATA_DIR: warmDir, PORT: String(port) }, `http://127.0.0.1:${port}/health`);
  await stop(child);
  const warm = await measure('service.existing_data_dir', () => ['dist/main.js'], () => ({ ...env, DATA_DIR: warmDir }));
  emit({ bench: 'startup', figure: 'ratio.existing_data_dir_vs_baseline', value: round(warm / baseline, 2), unit: 'x', db: 'embedded' });
  emit({ bench: 'startup', figure: 'ratio.fresh_data_dir_vs_existing', value: round(cold / warm, 2), unit: 'x', db: 'embedded' });
} finally {
  rmSync(base, { recursive: true, force: true });
}

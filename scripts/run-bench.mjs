#!/usr/bin/env node
// `npm run bench [-- name ...]`: builds, then runs bench/<name>.bench.mjs (all by default) one after
// another; each prints one JSON object per figure on stdout.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const all = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.mjs')).sort();
const wanted = process.argv.slice(2);
const selected = wanted.length ? all.filter((f) => wanted.includes(f.replace('.bench.mjs', ''))) : all;
if (wanted.length && selected.length !== wanted.length) {
  process.stderr.write(`Unknown benchmark. Available: ${all.map((f) => f.replace('.bench.mjs', '')).join(', ')}\n`);
  process.exit(2);
}
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);
let failed = 0;
for (const file of selected) {
  process.stderr.write(`bench: ${file}\n`);
  const result = spawnSync(process.execPath, [join('bench', file)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);

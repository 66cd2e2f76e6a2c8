#!/usr/bin/env node
// `npm run eval -- --catalog ../shared/catalog --queries ../shared/eval/dev.jsonl [--output FILE] [--limit N]`:
// compiles when the sources are newer than the build, then scores the real search service (see
// src/modules/mcp-catalog/eval/eval.main.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'modules', 'mcp-catalog', 'eval', 'eval.main.js');

function newestSource(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const src = join(root, 'src');
if (existsSync(src) && (!existsSync(entry) || newestSource(src) > statSync(entry).mtimeMs)) {
  process.stderr.write('Compiling (sources changed since the last build)...\n');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const result = spawnSync(process.execPath, ['--no-warnings=ExperimentalWarning', entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
});
process.exit(result.status ?? 1);

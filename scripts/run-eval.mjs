#!/usr/bin/env node
// `npm run eval -- --catalog ../shared/catalog --queries ../shared/eval/dev.jsonl [--output FILE] [--limit N]`:
// compiles when the sources are newer than the build, then scores the real search service (see
// src/modules/mcp-catalog/eval/eval.main.ts).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './lib/ensure-built.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'modules', 'mcp-catalog', 'eval', 'eval.main.js');

ensureBuilt(root, entry);
const result = spawnSync(process.execPath, ['--no-warnings=ExperimentalWarning', entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
});
process.exit(result.status ?? 1);

#!/usr/bin/env node
// `npm run cli -- <command>`: compiles first when the sources are newer than the build, then runs
// the compiled CLI so commands start quickly and behave exactly like the service.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './lib/ensure-built.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'cli', 'main.js');

ensureBuilt(root, entry);
const result = spawnSync(process.execPath, ['--no-warnings=ExperimentalWarning', entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);

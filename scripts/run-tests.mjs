#!/usr/bin/env node
// Runs the jest projects (unit, integration, e2e; all by default). PGlite loads its WebAssembly
// through dynamic import(), which jest only allows with --experimental-vm-modules.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const projects = ['unit', 'integration', 'e2e'];
const args = process.argv.slice(2);
const selected = args.filter((a) => projects.includes(a));
const passThrough = args.filter((a) => !projects.includes(a));
const jestBin = require.resolve('jest/bin/jest');

const nodeOptions = [process.env.NODE_OPTIONS ?? '', '--experimental-vm-modules', '--no-warnings=ExperimentalWarning'].join(' ').trim();
// --selectProjects takes every following word, so file patterns and flags go before it.
const jestArgs = [jestBin, ...passThrough, ...(selected.length ? ['--selectProjects', ...selected] : [])];
const result = spawnSync(process.execPath, jestArgs, {
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: nodeOptions, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
});
process.exit(result.status ?? 1);
